package dev.tuneboard.bench;

import dev.tuneboard.store.TrialStore;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Claims on the big experiment through {@link TrialStore#claim}, each timed on its own; the trial a claim
 * starts is then completed (untimed) so the experiment grows as a real search's does. {@code decide} does what
 * the runner's locked part does: read the attempts incrementally (new ones and those last seen unfinished, as
 * its TrialLog does), rebuild the schedule over all of them in memory, insert the next (no sampler: the runner
 * asks it before taking the lock).
 */
final class ClaimProbe {
    private final TrialStore store;
    private final long experimentId;
    private final Random random = new Random(11);

    ClaimProbe(TrialStore store, long experimentId) {
        this.store = store;
        this.experimentId = experimentId;
    }

    Latency measure(Duration duration, int warmUp) {
        for (int i = 0; i < warmUp; i++) claimAndFinish(null, 0);
        double[] millis = new double[256];
        int count = 0;
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            if (count == millis.length) millis = Arrays.copyOf(millis, count * 2);
            claimAndFinish(millis, count++);
        }
        return Latency.of(millis, count, 0);
    }

    private void claimAndFinish(double[] millis, int slot) {
        long t0 = System.nanoTime();
        TrialRecord t = store.claim(experimentId, "bench@claim", this::decide).orElseThrow();
        if (millis != null) millis[slot] = (System.nanoTime() - t0) / 1e6;
        double acc = 0.95 + 0.03 * random.nextDouble();
        store.finish(t.id(), TrialStatus.COMPLETED, new TrialStore.TrialResult(acc, 0.1, acc, null, null, 1, 1, 9000, null));
    }

    private final Map<Long, TrialRecord> seen = new HashMap<>();
    private final Set<Long> unfinished = new HashSet<>();
    private long newestId;

    private TrialStore.Claim decide(TrialStore.AttemptReader reader) {
        for (TrialRecord t : reader.attempts(newestId, Set.copyOf(unfinished))) {
            seen.put(t.id(), t);
            newestId = Math.max(newestId, t.id());
            if (t.status().isFinished()) unfinished.remove(t.id());
            else unfinished.add(t.id());
        }
        List<TrialRecord> stored = new ArrayList<>(seen.values());
        stored.sort(java.util.Comparator.comparingInt(TrialRecord::number).thenComparingInt(TrialRecord::attempt));
        Map<Integer, List<TrialRecord>> byNumber = new TreeMap<>();
        for (TrialRecord t : stored) byNumber.computeIfAbsent(t.number(), k -> new ArrayList<>()).add(t);
        int next = 1;
        List<double[]> history = new ArrayList<>();
        TrialRecord rerun = null;
        for (var e : byNumber.entrySet()) {
            TrialRecord last = e.getValue().get(e.getValue().size() - 1);
            next = Math.max(next, e.getKey() + 1);
            if (last.status() == TrialStatus.COMPLETED || last.status() == TrialStatus.PRUNED) history.add(last.point());
            else if (last.status() == TrialStatus.STOPPED && rerun == null) rerun = last;
        }
        if (rerun != null) {
            return new TrialStore.Claim(List.of(), null, new TrialStore.NewAttempt(rerun.number(), rerun.attempt() + 1,
                    rerun.params(), rerun.point(), rerun.seed()));
        }
        double[] point = history.isEmpty() ? new double[] {0.5} : history.get(history.size() - 1).clone();
        return new TrialStore.Claim(List.of(), null, new TrialStore.NewAttempt(next, 1,
                Map.of("learning_rate", 1e-3, "epochs", 1), point, next));
    }
}
