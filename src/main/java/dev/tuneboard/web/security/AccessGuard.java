package dev.tuneboard.web.security;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * With a token, every page and API route needs it (as Jupyter's): API clients send
 * {@code Authorization: Bearer <token>}, browsers sign in once at {@value #SIGN_IN_PAGE} and then carry an
 * HttpOnly, SameSite=Strict session cookie. Without a token (loopback only) everything is open.
 */
public final class AccessGuard {
    public static final String COOKIE = "tuneboard_session";
    public static final String SIGN_IN_PAGE = "/signin.html";
    private static final Set<String> PUBLIC = Set.of(SIGN_IN_PAGE, "/signin.js", "/style.css", "/api/session");

    private final Optional<TokenSessions> sessions;

    public AccessGuard(Optional<TokenSessions> sessions) {
        this.sessions = sessions;
    }

    public void check(Context ctx) {
        if (sessions.isEmpty() || PUBLIC.contains(ctx.path())) return;
        TokenSessions s = sessions.get();
        String auth = ctx.header("Authorization");
        if (auth != null) {
            String token = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
            if (!matches(s, token, ctx)) throw new UnauthorizedResponse("wrong token in 'Authorization: Bearer <token>'");
            return;
        }
        if (s.valid(ctx.cookie(COOKIE))) return;
        String method = ctx.method().name();
        if (!ctx.path().startsWith("/api/") && (method.equals("GET") || method.equals("HEAD"))) {
            ctx.header("Cache-Control", "no-store");
            ctx.redirect(SIGN_IN_PAGE, HttpStatus.FOUND);
            ctx.skipRemainingHandlers();
            return;
        }
        throw new UnauthorizedResponse("this dashboard needs its token: sign in at " + SIGN_IN_PAGE
                + " or send 'Authorization: Bearer <token>'");
    }

    /** {@code GET /api/session}: whether a token is needed and whether this browser has signed in. */
    public void status(Context ctx) {
        boolean required = sessions.isPresent();
        boolean signedIn = required && sessions.get().valid(ctx.cookie(COOKIE));
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("tokenRequired", required, "signedIn", signedIn));
    }

    /** {@code POST /api/session} with JSON {@code {"token": "..."}}: sets the session cookie. */
    public void signIn(Context ctx) {
        TokenSessions s = sessions.orElseThrow(() -> new NotFoundResponse("this dashboard has no token: nothing to sign in to"));
        Object token = ctx.bodyAsClass(Map.class).get("token");
        if (!matches(s, token instanceof String t ? t : null, ctx)) throw new UnauthorizedResponse("wrong token");
        s.close(ctx.cookie(COOKIE));
        ctx.header("Set-Cookie", cookie(s.open(), ctx, ""));
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("signedIn", true));
    }

    /** {@code DELETE /api/session}: forgets the session here and in the browser. */
    public void signOut(Context ctx) {
        sessions.ifPresent(s -> s.close(ctx.cookie(COOKIE)));
        ctx.header("Set-Cookie", cookie("", ctx, "; Max-Age=0"));
        ctx.header("Cache-Control", "no-store");
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private static boolean matches(TokenSessions s, String token, Context ctx) {
        try {
            return s.matches(token, ctx.ip());
        } catch (TokenSessions.TooManyAttempts e) {
            throw new HttpResponseException(HttpStatus.TOO_MANY_REQUESTS.getCode(), e.getMessage());
        }
    }

    /** Secure only over https (directly or as a TLS proxy says): a Secure cookie never comes back over plain http. */
    private static String cookie(String value, Context ctx, String extra) {
        String proto = ctx.header("X-Forwarded-Proto");
        boolean https = ctx.scheme().equals("https") || (proto != null && proto.trim().toLowerCase(Locale.ROOT).equals("https"));
        return COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "") + extra;
    }
}
