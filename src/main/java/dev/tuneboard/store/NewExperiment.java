package dev.tuneboard.store;

/** What creating an experiment needs. */
public record NewExperiment(
        String name,
        String specText,
        String specHash,
        String dataHash,
        String objectiveMetric,
        String objectiveDirection,
        int trialBudget,
        int parallelism) {
}
