package dev.tuneboard.store;

import java.time.Duration;

/**
 * How long a store call keeps trying through transient faults: at most {@code attempts} tries, the
 * wait doubling from {@code baseDelay} up to {@code maxDelay}, all within {@code budget} (long enough
 * for a database server to restart; a trial would rather wait than be lost).
 */
public record RetryPolicy(int attempts, Duration baseDelay, Duration maxDelay, Duration budget) {
    /** Survives a PostgreSQL or H2 server restart (typically seconds) with room to spare. */
    public static final RetryPolicy SURVIVE_RESTART = new RetryPolicy(200, Duration.ofMillis(100), Duration.ofSeconds(5),
            Duration.ofMinutes(2));

    public RetryPolicy {
        if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        if (baseDelay == null || baseDelay.isNegative() || baseDelay.isZero()) {
            throw new IllegalArgumentException("baseDelay must be positive, got " + baseDelay);
        }
        if (maxDelay == null || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must be at least baseDelay (" + baseDelay + "), got " + maxDelay);
        }
        if (budget == null || budget.isNegative()) throw new IllegalArgumentException("budget must not be negative, got " + budget);
    }

    /** The wait before try {@code retry + 1} (retry counts from 1): doubling, capped, then jittered into [d/2, d]. */
    public Duration delay(int retry, double jitter) {
        long base = baseDelay.toMillis();
        long capped = Math.min(maxDelay.toMillis(), base << Math.min(retry - 1, 30));
        return Duration.ofMillis(capped / 2 + Math.round(capped / 2.0 * jitter));
    }
}
