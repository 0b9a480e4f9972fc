package dev.tuneboard.web.dto;

import dev.tuneboard.store.ExperimentSummary;
import dev.tuneboard.trial.Numbers;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.TrialRecord;

import java.time.Instant;

/** One row of the experiments list: status, progress, bests and timing. Times are ISO-8601 text. */
public record ExperimentView(String name, String status, String objectiveMetric, String objectiveDirection,
                             int budget, int finished, int running, int completed, int pruned, int failed, double progress,
                             Double bestObjective, Double bestValAccuracy, Double testAccuracyOfBest,
                             String createdAt, String startedAt, String finishedAt, Double elapsedSeconds,
                             Double remainingSeconds, String error, boolean runningHere) {

    /** The same row with its bests taken from {@code chosen}, the trial picked under the spec's limits (none yet: null). */
    public ExperimentView chosen(TrialRecord chosen, Objective objective) {
        Double objectiveValue = chosen == null ? null : Numbers.finite(objective.value(chosen));
        return new ExperimentView(name, status, objectiveMetric, objectiveDirection, budget, finished, running, completed, pruned,
                failed, progress, objectiveValue, chosen == null ? null : Numbers.finite(chosen.valAccuracy()),
                chosen == null ? null : Numbers.finite(chosen.testAccuracy()), createdAt, startedAt, finishedAt, elapsedSeconds,
                remainingSeconds, error, runningHere);
    }

    public static ExperimentView of(ExperimentSummary s, Instant now, boolean runningHere) {
        var e = s.experiment();
        int finished = s.finished();
        Double elapsed = null;
        if (e.startedAt() != null) {
            Instant end = e.finishedAt() != null ? e.finishedAt() : now;
            elapsed = Math.max(0, (end.toEpochMilli() - e.startedAt().toEpochMilli()) / 1000.0);
        }
        // Remaining: average time per finished trial so far, times what is left (only while running).
        Double remaining = null;
        if ("running".equals(e.status().key()) && elapsed != null && finished > 0) {
            remaining = elapsed / finished * Math.max(0, e.trialBudget() - finished);
        }
        return new ExperimentView(e.name(), e.status().key(), e.objective().metric().key(), e.objective().direction().key(), e.trialBudget(),
                finished, s.running(), s.completed(), s.pruned(), s.failed(),
                e.trialBudget() == 0 ? 0 : Math.min(1.0, finished / (double) e.trialBudget()),
                Numbers.finite(s.bestObjective()), Numbers.finite(s.bestValAccuracy()), Numbers.finite(s.bestTestAccuracy()),
                Numbers.text(e.createdAt()), Numbers.text(e.startedAt()), Numbers.text(e.finishedAt()), elapsed, remaining,
                e.error(), runningHere);
    }
}
