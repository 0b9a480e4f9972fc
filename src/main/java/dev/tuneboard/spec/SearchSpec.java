package dev.tuneboard.spec;

import java.time.Duration;
import java.util.Optional;

/**
 * How to search: algorithm, budget and parallelism. {@code timeLimit} of null means no limit;
 * {@code gridPoints} is how many values grid search takes from each continuous range.
 */
public record SearchSpec(
        Algorithm algorithm,
        int trials,
        int parallelism,
        long seed,
        Duration timeLimit,
        int gridPoints,
        PrunerSpec pruner,
        int retries) {

    public enum Algorithm { RANDOM, GRID, GENETIC, TPE }

    public Optional<Duration> timeLimitIfAny() {
        return Optional.ofNullable(timeLimit);
    }
}
