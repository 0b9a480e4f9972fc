package dev.tuneboard.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The --token and the browser sessions it buys: random 256-bit ids held only in this server's memory
 * (a restart signs everyone out). Token checks compare SHA-256 digests in constant time, so neither
 * content nor length leaks through timing; wrong tokens from one address are limited per minute.
 */
public final class TokenSessions {
    static final int MAX_SESSIONS = 1_000;
    static final int FAILURES_PER_MINUTE = 10;

    private final byte[] tokenDigest;
    private final SecureRandom random;
    private final Clock clock;
    private final Duration lifetime;
    private final Map<String, Opened> sessions = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(Instant windowStart, int count) {
    }

    /** {@code order}: sign-ins in one clock tick still have an oldest. */
    private record Opened(Instant at, long order) {
    }

    /** Thrown when an address has guessed wrong too often; the caller answers 429. */
    public static final class TooManyAttempts extends RuntimeException {
        TooManyAttempts() {
            super("too many wrong tokens from this address; wait a minute");
        }
    }

    public TokenSessions(String token, SecureRandom random, Clock clock, Duration lifetime) {
        if (token == null || token.isBlank()) throw new IllegalArgumentException("token must not be blank");
        this.tokenDigest = sha256(token);
        this.random = random;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** Whether {@code candidate} is the token; counts failures from {@code remote} and refuses when over the limit. */
    public boolean matches(String candidate, String remote) {
        Instant now = clock.instant();
        Failures f = failures.get(remote);
        boolean fresh = f == null || Duration.between(f.windowStart(), now).compareTo(Duration.ofMinutes(1)) >= 0;
        if (!fresh && f.count() >= FAILURES_PER_MINUTE) throw new TooManyAttempts();
        boolean ok = candidate != null && MessageDigest.isEqual(tokenDigest, sha256(candidate));
        if (!ok) {
            if (failures.size() > 10_000) failures.clear(); // bounded: a flood of addresses cannot grow memory
            failures.merge(remote, new Failures(now, 1), (old, one) ->
                    Duration.between(old.windowStart(), now).compareTo(Duration.ofMinutes(1)) >= 0 ? one
                            : new Failures(old.windowStart(), old.count() + 1));
        }
        return ok;
    }

    /** A new session id (64 hex digits). */
    public String open() {
        Instant now = clock.instant();
        if (sessions.size() >= MAX_SESSIONS) expire(now);
        if (sessions.size() >= MAX_SESSIONS) {
            // Still full: drop the oldest sign-in rather than refuse the new one.
            sessions.entrySet().stream().min(Comparator.comparingLong(e -> e.getValue().order()))
                    .ifPresent(oldest -> sessions.remove(oldest.getKey()));
        }
        byte[] id = new byte[32];
        random.nextBytes(id);
        String session = HexFormat.of().formatHex(id);
        sessions.put(session, new Opened(now, order.incrementAndGet()));
        return session;
    }

    public boolean valid(String session) {
        if (session == null) return false;
        Opened opened = sessions.get(session);
        if (opened == null) return false;
        if (clock.instant().isAfter(opened.at().plus(lifetime))) {
            sessions.remove(session);
            return false;
        }
        return true;
    }

    public void close(String session) {
        if (session != null) sessions.remove(session);
    }

    private void expire(Instant now) {
        for (Iterator<Map.Entry<String, Opened>> it = sessions.entrySet().iterator(); it.hasNext(); ) {
            if (now.isAfter(it.next().getValue().at().plus(lifetime))) it.remove();
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
