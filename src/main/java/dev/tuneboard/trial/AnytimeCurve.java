package dev.tuneboard.trial;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An experiment's best-so-far objective against wall-clock minutes since it started: one step each time a
 * completed trial beats every trial completed before it. Only completed trials count (a pruned trial's value is
 * from fewer epochs, and the chosen trial is always a completed one), so the last step is the chosen trial's value.
 */
public record AnytimeCurve(String experiment, Objective objective, List<Step> steps, double endMinutes) {
    /** At {@code minutes} after the start, trial {@code trial} finished with objective {@code best}. */
    public record Step(double minutes, double best, int trial) {
        public Step {
            if (!(minutes >= 0) || Double.isNaN(best)) throw new IllegalArgumentException("a step needs minutes ≥ 0 and a value");
        }
    }

    public AnytimeCurve {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(objective, "objective");
        steps = List.copyOf(steps);
        for (int i = 1; i < steps.size(); i++) {
            Step before = steps.get(i - 1);
            Step s = steps.get(i);
            if (s.minutes() < before.minutes() || !objective.better(s.best(), before.best())) {
                throw new IllegalArgumentException("steps must come in time order, each better than the one before");
            }
        }
        if (!steps.isEmpty() && !(endMinutes >= steps.get(steps.size() - 1).minutes())) {
            throw new IllegalArgumentException("the curve ends before its last step");
        }
    }

    /**
     * The curve of these attempts, timed from {@code start} (the experiment's start; null: the first attempt's).
     * A trial finishing before {@code start} (another machine's clock) counts at minute 0. It ends when the last
     * attempt ended (completed, pruned, failed or stopped by the time limit).
     */
    public AnytimeCurve(String experiment, Objective objective, Instant start, Collection<TrialRecord> attempts) {
        this(experiment, objective, steps(objective, start != null ? start : firstStart(attempts), attempts),
                end(start != null ? start : firstStart(attempts), attempts));
    }

    private static double end(Instant start, Collection<TrialRecord> attempts) {
        return attempts.stream().map(TrialRecord::finishedAt).filter(Objects::nonNull)
                .mapToDouble(f -> minutes(start, f)).max().orElse(0);
    }

    private static double minutes(Instant start, Instant at) {
        return Math.max(0, Duration.between(start, at).toMillis() / 60_000.0);
    }

    private static Instant firstStart(Collection<TrialRecord> attempts) {
        return attempts.stream().map(t -> t.startedAt() != null ? t.startedAt() : t.createdAt()).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    }

    private static List<Step> steps(Objective objective, Instant start, Collection<TrialRecord> attempts) {
        List<TrialRecord> done = attempts.stream()
                .filter(t -> t.status() == TrialStatus.COMPLETED && t.finishedAt() != null && !Double.isNaN(objective.value(t)))
                .sorted(Comparator.comparing(TrialRecord::finishedAt).thenComparingInt(TrialRecord::number))
                .toList();
        List<Step> steps = new ArrayList<>();
        for (TrialRecord t : done) {
            double value = objective.value(t);
            if (!steps.isEmpty() && !objective.better(value, steps.get(steps.size() - 1).best())) continue;
            steps.add(new Step(minutes(start, t.finishedAt()), value, t.number()));
        }
        return steps;
    }

    /** The best value reached by {@code minutes}; NaN before the first completed trial. */
    public double at(double minutes) {
        double best = Double.NaN;
        for (Step s : steps) {
            if (s.minutes() > minutes) break;
            best = s.best();
        }
        return best;
    }

    /** The final best (the chosen trial's objective); NaN when no trial completed. */
    public double last() {
        return steps.isEmpty() ? Double.NaN : steps.get(steps.size() - 1).best();
    }
}
