package dev.tuneboard.trial;


import java.util.Map;

/** One trial attempt as the leaderboard and the trial page show it. */
public record TrialRow(long id, int number, int attempt, String status, Map<String, Number> params, Double objective,
                       Double valAccuracy, Double valLoss, Double testAccuracy, Double testLoss, int epochsDone,
                       Double seconds, Double samplesPerSecond, long seed, String startedAt, String finishedAt,
                       String error, String stopReason, Long parameters, Double latencyMs, Double latencyMs256,
                       Boolean feasible) {

    public static TrialRow of(TrialRecord t) {
        return of(t, Constraints.NONE);
    }

    /** {@code feasible}: null when the experiment has no limits, else whether this trial meets them. */
    public static TrialRow of(TrialRecord t, Constraints limits) {
        return new TrialRow(t.id(), t.number(), t.attempt(), t.status().key(), t.params(), Numbers.finite(t.objective()),
                Numbers.finite(t.valAccuracy()), Numbers.finite(t.valLoss()), Numbers.finite(t.testAccuracy()),
                Numbers.finite(t.testLoss()), t.epochsDone(), Numbers.finite(t.seconds()), Numbers.finite(t.samplesPerSecond()),
                t.seed(), Numbers.text(t.startedAt()), Numbers.text(t.finishedAt()), t.error(), t.stopReason(),
                t.cost() == null ? null : t.cost().parameters(), t.cost() == null ? null : Numbers.finite(t.cost().latencyMs()),
                t.cost() == null ? null : Numbers.finite(t.cost().latencyMs256()), limits.any() ? limits.feasible(t.cost()) : null);
    }
}
