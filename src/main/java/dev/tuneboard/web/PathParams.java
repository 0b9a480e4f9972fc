package dev.tuneboard.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;

/** Checks path and query parameters before they go anywhere; bad ones are a 400 with the reason. */
final class PathParams {
    private PathParams() {
    }

    /**
     * An experiment name: 1–200 characters (the column's size) without control characters. It is only ever
     * a bound SQL parameter; '/' is allowed here because a store written by other tools may hold such names.
     */
    static String experimentName(Context ctx) {
        String name = ctx.pathParam("name");
        if (name.isEmpty() || name.length() > 200 || name.chars().anyMatch(c -> c < 32 || c == 127)) {
            throw new BadRequestResponse("invalid experiment name (1 to 200 characters, no control characters)");
        }
        return name;
    }

    static long positiveLong(Context ctx, String param) {
        try {
            long v = Long.parseLong(ctx.pathParam(param));
            if (v < 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new BadRequestResponse(param + " must be a non-negative integer");
        }
    }

    static int queryInt(Context ctx, String param, int fallback, int min, int max) {
        String v = ctx.queryParam(param);
        if (v == null || v.isBlank()) return fallback;
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequestResponse(param + " must be an integer in [" + min + ", " + max + "]");
        }
    }
}
