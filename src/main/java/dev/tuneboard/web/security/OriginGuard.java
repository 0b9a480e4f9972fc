package dev.tuneboard.web.security;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;

import java.util.Locale;
import java.util.Set;

/**
 * Changes (every method but GET, HEAD, OPTIONS) come only from the dashboard's own pages or from
 * non-browser clients. Three independent locks, any one of which stops a cross-site page:
 * <ul>
 * <li>{@code Origin}, when sent, must be this request's own {@code scheme://Host};</li>
 * <li>{@code Sec-Fetch-Site} must not be {@code cross-site} or {@code same-site} (another port on the
 *     same host is same-site, and SameSite cookies travel there);</li>
 * <li>the request carries {@value #HEADER} or {@code Authorization}: neither can be set by a form, and
 *     setting either from script forces a CORS preflight, which this server never allows.</li>
 * </ul>
 * API reads from other sites' pages are refused by the same {@code Sec-Fetch-Site} rule.
 */
public final class OriginGuard {
    public static final String HEADER = "X-Tuneboard";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> FOREIGN = Set.of("cross-site", "same-site");

    public void check(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        boolean foreign = site != null && FOREIGN.contains(site.trim().toLowerCase(Locale.ROOT));
        boolean api = ctx.path().startsWith("/api/");
        if (SAFE.contains(ctx.method().name())) {
            if (api && foreign) throw new ForbiddenResponse("API requests from other sites' pages are refused");
            return;
        }
        if (foreign) throw new ForbiddenResponse("changes from other sites' pages are refused (Sec-Fetch-Site: " + site + ")");
        String origin = ctx.header("Origin");
        if (origin != null && !sameOrigin(origin, ctx.header("Host"))) {
            throw new ForbiddenResponse("changes are accepted only from this dashboard's own pages, not from Origin " + origin);
        }
        if (ctx.header(HEADER) == null && ctx.header("Authorization") == null) {
            throw new ForbiddenResponse("changes need the header '" + HEADER + ": 1' (or 'Authorization: Bearer <token>')");
        }
    }

    /**
     * The scheme is not compared with the connection's: behind a TLS proxy the page is https and the hop
     * here http. The authority (name and port as the browser sees them) is what an attacker cannot share.
     */
    private static boolean sameOrigin(String origin, String host) {
        if (host == null) return false;
        String o = origin.trim().toLowerCase(Locale.ROOT);
        String authority;
        if (o.startsWith("http://")) authority = o.substring(7);
        else if (o.startsWith("https://")) authority = o.substring(8);
        else return false; // "null" (sandboxed frames, file:) and anything odd
        return authority.equals(host.trim().toLowerCase(Locale.ROOT));
    }
}
