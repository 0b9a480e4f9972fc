package dev.tuneboard.run;

import dev.tuneboard.search.pruning.TrialCurve;
import dev.tuneboard.store.TrialStore;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.TrialRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * A runner's view of one experiment's attempts and learning curves, kept current by incremental reads.
 * A finished attempt never changes, so a refresh asks only for attempts newer than the newest one seen
 * and for those last seen unfinished; a finished trial's curve is read once after it finished. With
 * 10,000 trials stored, a claim or a pruning decision reads a handful of rows, not every trial.
 * New attempts are inserted only under the experiment's claim lock, so ids arrive in commit order and
 * "newer than the newest seen" misses none.
 */
final class TrialLog {
    /** Above this many unread curves one query for the whole experiment beats a long IN list. */
    private static final int WHOLE_EXPERIMENT_READ = 200;
    private static final Comparator<TrialRecord> BY_NUMBER_THEN_ATTEMPT =
            Comparator.comparingInt(TrialRecord::number).thenComparingInt(TrialRecord::attempt);

    private final TrialStore store;
    private final long experimentId;
    private final Map<Long, TrialRecord> byId = new HashMap<>();
    private final Set<Long> unfinished = new HashSet<>();
    private long newestId;
    /** Curves of trials that had finished when their curve was read: final. */
    private final Map<Long, TrialCurve> finalCurves = new HashMap<>();

    TrialLog(TrialStore store, long experimentId) {
        this.store = store;
        this.experimentId = experimentId;
    }

    /** Every attempt, by trial number then attempt, read through the store outside any transaction. */
    synchronized List<TrialRecord> refresh() {
        return refresh((after, also) -> store.attempts(experimentId, after, also));
    }

    /** Every attempt, by trial number then attempt, reading the changes through {@code reader} (a claim's transaction). */
    synchronized List<TrialRecord> refresh(TrialStore.AttemptReader reader) {
        for (TrialRecord t : reader.attempts(newestId, Set.copyOf(unfinished))) {
            byId.put(t.id(), t);
            newestId = Math.max(newestId, t.id());
            if (t.status().isFinished()) unfinished.remove(t.id());
            else unfinished.add(t.id());
        }
        List<TrialRecord> all = new ArrayList<>(byId.values());
        all.sort(BY_NUMBER_THEN_ATTEMPT);
        return all;
    }

    /** Every other trial's objective per epoch, as of now (workers elsewhere included). */
    synchronized List<TrialCurve> curvesExcept(long trialId, ToDoubleFunction<EpochMetrics> objective) {
        refresh();
        List<Long> toRead = byId.keySet().stream().filter(id -> id != trialId && !finalCurves.containsKey(id)).toList();
        Map<Long, List<EpochMetrics>> read = toRead.isEmpty() ? Map.of()
                : toRead.size() > WHOLE_EXPERIMENT_READ ? store.curves(experimentId) : store.curves(experimentId, toRead);
        List<TrialCurve> out = new ArrayList<>(byId.size());
        for (long id : toRead) {
            boolean finished = byId.get(id).status().isFinished();
            TrialCurve curve = new TrialCurve(id, finished,
                    read.getOrDefault(id, List.of()).stream().mapToDouble(objective).toArray(), byId.get(id).number());
            // Read after the status said finished: every epoch was committed before that, so it is complete.
            if (finished) finalCurves.put(id, curve);
            else if (curve.values().length > 0) out.add(curve);
        }
        finalCurves.forEach((id, curve) -> {
            if (id != trialId && curve.values().length > 0) out.add(curve);
        });
        return out;
    }
}
