package dev.tuneboard.spec;

import java.time.Duration;
import java.util.Optional;

/**
 * How to search: algorithm, budget and parallelism. {@code timeLimit} of null means no limit;
 * {@code gridPoints} is how many values grid search takes from each continuous range; {@code startupTrials} is how
 * many random points TPE observes before it models the results (Optuna's {@code n_startup_trials}).
 */
public record SearchSpec(
        Algorithm algorithm,
        int trials,
        int parallelism,
        long seed,
        Duration timeLimit,
        int gridPoints,
        PrunerSpec pruner,
        int retries,
        int startupTrials) {

    public enum Algorithm { RANDOM, GRID, GENETIC, TPE }

    /** Optuna's default: enough points for the good/bad split to mean something in most spaces. */
    public static final int DEFAULT_STARTUP_TRIALS = 10;

    public SearchSpec {
        if (startupTrials < 1) throw new IllegalArgumentException("startup trials must be >= 1, got " + startupTrials);
    }

    public Optional<Duration> timeLimitIfAny() {
        return Optional.ofNullable(timeLimit);
    }
}
