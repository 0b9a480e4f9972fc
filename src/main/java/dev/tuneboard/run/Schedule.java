package dev.tuneboard.run;

import dev.tuneboard.search.Observation;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the stored attempts of an experiment mean for the next claim: which trial numbers are done,
 * which must run again (interrupted, worker died, or failed with retries left), which are training
 * now, and the next new number. The budget counts trial numbers, so retries never exceed it.
 */
final class Schedule {
    record Rerun(int number, int attempt, double[] point, long seed) {
    }

    private final int budget;
    private final Deque<Rerun> again = new ArrayDeque<>();
    private final List<Observation> history = new ArrayList<>();
    private final List<double[]> pending = new ArrayList<>();
    private final List<Long> stale = new ArrayList<>();
    private final List<Integer> runningNumbers = new ArrayList<>();
    private final java.util.Set<String> liveWorkers = new java.util.TreeSet<>();
    private int nextNumber;
    private int done;
    private int completed;
    private int running;

    Schedule(ExperimentSpec spec, List<TrialRecord> stored, Liveness liveness, Instant now) {
        this.budget = spec.search().trials();
        Map<Integer, List<TrialRecord>> byNumber = new TreeMap<>();
        for (TrialRecord t : stored) byNumber.computeIfAbsent(t.number(), k -> new ArrayList<>()).add(t);
        for (var entry : byNumber.entrySet()) {
            List<TrialRecord> attempts = entry.getValue();
            TrialRecord last = attempts.get(attempts.size() - 1);
            nextNumber = Math.max(nextNumber, entry.getKey() + 1);
            switch (last.status()) {
                case COMPLETED -> {
                    done++;
                    completed++;
                    history.add(new Observation(last.point(), last.objective()));
                }
                case PRUNED -> {
                    // Its value is from fewer epochs and below the rung: samplers rank it by the rung it reached.
                    done++;
                    history.add(new Observation(last.point(), last.objective(), last.epochsDone(), true));
                }
                case FAILED -> {
                    long failures = attempts.stream().filter(a -> a.status() == TrialStatus.FAILED).count();
                    if (failures > spec.search().retries()) {
                        done++;
                        history.add(new Observation(last.point(), null));
                    } else {
                        again.add(new Rerun(last.number(), last.attempt() + 1, last.point(), last.seed()));
                    }
                }
                case RUNNING -> {
                    if (liveness.alive(last, now)) {
                        running++;
                        runningNumbers.add(last.number());
                        if (last.worker() != null) liveWorkers.add(last.worker());
                        pending.add(last.point());
                    } else {
                        stale.add(last.id());
                        again.add(new Rerun(last.number(), last.attempt() + 1, last.point(), last.seed()));
                    }
                }
                default -> again.add(new Rerun(last.number(), last.attempt() + 1, last.point(), last.seed()));
            }
        }
    }

    List<Observation> history() {
        return history;
    }

    List<double[]> pending() {
        return pending;
    }

    List<Long> stale() {
        return stale;
    }

    Rerun rerun() {
        return again.peek();
    }

    /** The next new trial number, or -1 when the budget is spent. */
    int nextNumber() {
        return nextNumber < budget ? nextNumber : -1;
    }

    int done() {
        return done;
    }

    int running() {
        return running;
    }

    int completed() {
        return completed;
    }

    /** Trial numbers training now in live processes. */
    List<Integer> runningNumbers() {
        return List.copyOf(runningNumbers);
    }

    /** The live processes (pid@host) other than {@code self} that hold running trials. */
    List<String> liveWorkersOtherThan(String self) {
        return liveWorkers.stream().filter(w -> !w.equals(self)).toList();
    }

    boolean finished() {
        return done >= budget && running == 0;
    }
}
