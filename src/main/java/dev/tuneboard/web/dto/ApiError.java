package dev.tuneboard.web.dto;

/** Every non-spec error the API returns: {"error": "..."}. */
public record ApiError(int status, String error) {
}
