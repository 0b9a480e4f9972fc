package dev.tuneboard.store;

/** An experiment with its trial counts and best results, aggregated in SQL. */
public record ExperimentSummary(
        ExperimentRecord experiment,
        int trials,
        int completed,
        int running,
        int pruned,
        int failed,
        Double bestObjective,
        Double bestValAccuracy,
        Double bestTestAccuracy) {

    /** Trials that count against the budget: every finished one (a retried failure counts once). */
    public int finished() {
        return completed + pruned + failed;
    }
}
