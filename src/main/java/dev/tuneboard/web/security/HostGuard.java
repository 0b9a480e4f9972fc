package dev.tuneboard.web.security;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Serves only requests whose {@code Host} names this dashboard: the loopback names plus the names it was
 * told about (--host, --allow-host). A page on a DNS-rebound name (attacker.example → 127.0.0.1) is
 * same-origin with that name, so without this check it could read and change everything.
 */
public final class HostGuard {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Set<String> allowed = new HashSet<>(LOOPBACK);

    /** {@code names}: host names or IP literals (any port); IPv6 with or without brackets. */
    public HostGuard(Collection<String> names) {
        for (String n : names) {
            if (n == null || n.isBlank()) continue;
            String name = n.trim().toLowerCase(Locale.ROOT);
            if (name.contains(":") && !name.startsWith("[")) name = "[" + name + "]";
            allowed.add(stripDot(name));
        }
    }

    public void check(Context ctx) {
        String host = ctx.header("Host");
        String name = host == null ? null : name(host);
        if (name == null || !allowed.contains(name)) {
            throw new ForbiddenResponse("this dashboard does not answer to Host '" + host
                    + "'; use http://127.0.0.1 or start serve with --allow-host NAME");
        }
    }

    /** The name part of a Host header ({@code name[:port]} or {@code [v6][:port]}), lower case, or null. */
    static String name(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        String name;
        String port;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0) return null;
            name = h.substring(0, end + 1);
            port = h.substring(end + 1);
        } else {
            int colon = h.indexOf(':');
            name = colon < 0 ? h : h.substring(0, colon);
            port = colon < 0 ? "" : h.substring(colon);
        }
        if (!port.isEmpty() && !port.matches(":\\d{1,5}")) return null;
        return name.isEmpty() ? null : stripDot(name);
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
