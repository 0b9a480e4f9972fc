package dev.tuneboard.store;

import dev.tuneboard.trial.Objective;
import java.time.Instant;

/** An experiment as stored: a frozen snapshot that later writes never change. */
public record ExperimentRecord(
        long id,
        String name,
        ExperimentStatus status,
        String specText,
        String specHash,
        String dataHash,
        Objective objective,
        int trialBudget,
        int parallelism,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String error) {

    public boolean maximize() {
        return objective.maximize();
    }
}
