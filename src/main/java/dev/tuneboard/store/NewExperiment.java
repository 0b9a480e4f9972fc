package dev.tuneboard.store;
import dev.tuneboard.trial.Objective;

/** What creating an experiment needs. */
public record NewExperiment(
        String name,
        String specText,
        String specHash,
        String dataHash,
        Objective objective,
        int trialBudget,
        int parallelism) {
}
