package dev.tuneboard.trial;

import java.time.Instant;

/**
 * A trial's configuration (params, seed) trained again on training + validation together for {@code epochs}
 * (the trial's best epoch), scored once on the test split. The trial itself stays the selection record.
 */
public record Retrained(long trialId, int epochs, int trainSize, int testSize, double testAccuracy, double testLoss,
                        double seconds, Instant createdAt, long modelBytes) {
    public Retrained {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        if (trainSize < 1 || testSize < 1) throw new IllegalArgumentException("train and test sizes must be positive");
        if (!(testAccuracy >= 0 && testAccuracy <= 1)) throw new IllegalArgumentException("test accuracy must be in [0, 1], got " + testAccuracy);
        if (createdAt == null) throw new IllegalArgumentException("createdAt is required");
    }
}
