package dev.tuneboard.run;

import dev.tuneboard.data.Splits;
import dev.tuneboard.search.Observation;
import dev.tuneboard.search.Proposal;
import dev.tuneboard.search.Sampler;
import dev.tuneboard.search.SearchFactory;
import dev.tuneboard.search.SearchSpace;
import dev.tuneboard.search.pruning.Pruner;
import dev.tuneboard.search.pruning.Pruners;
import dev.tuneboard.search.pruning.TrialCurve;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.ObjectiveSpec;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.ExperimentStatus;
import dev.tuneboard.store.NewExperiment;
import dev.tuneboard.store.Store;
import dev.tuneboard.store.TrialRecord;
import dev.tuneboard.store.TrialStatus;
import dev.tuneboard.store.TrialStore;
import dev.tuneboard.train.EpochDecision;
import dev.tuneboard.train.EpochListener;
import dev.tuneboard.train.EpochMetrics;
import dev.tuneboard.train.TrialDivergedException;
import dev.tuneboard.train.TrialOutcome;
import dev.tuneboard.train.TrialPlan;
import dev.tuneboard.train.Trainer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an experiment: proposes candidates through the {@link Sampler}, trains up to `parallelism`
 * of them at once (one thread each; the launcher gives each one ND4J/BLAS thread), records every
 * epoch and outcome in the store, and keeps going when a trial fails. Running it again on a stored
 * experiment resumes it: finished trials are kept, interrupted ones re-run with the same params.
 */
public final class ExperimentRunner {
    private final Store store;
    private final SearchFactory searchFactory;
    private final Trainer trainer;
    private final Clock clock;
    private final String worker;

    public ExperimentRunner(Store store, SearchFactory searchFactory, Trainer trainer, Clock clock, String worker) {
        this.store = store;
        this.searchFactory = searchFactory;
        this.trainer = trainer;
        this.clock = clock;
        this.worker = worker;
    }

    /** Creates the experiment, or checks a stored one has the same spec and data, and marks it running. */
    public ExperimentRecord prepare(ExperimentSpec spec, String dataHash) throws RunException {
        var existing = store.find(spec.name());
        if (existing.isPresent()) {
            ExperimentRecord e = existing.get();
            if (!e.specHash().equals(spec.specHash())) {
                throw new RunException("experiment '" + spec.name() + "' already exists with a different spec; "
                        + "give the new spec another name (or `tuneboard resume " + spec.name() + "` to continue the stored one)");
            }
            if (!e.dataHash().equals(dataHash)) {
                throw new RunException("experiment '" + spec.name() + "' was run on different data (hash " + e.dataHash()
                        + ", now " + dataHash + "); results would not compare");
            }
            return e;
        }
        return store.create(new NewExperiment(spec.name(), spec.sourceText(), spec.specHash(), dataHash,
                spec.objective().metric().key(), spec.objective().direction().name().toLowerCase(Locale.ROOT),
                spec.search().trials(), spec.search().parallelism()));
    }

    public RunReport run(ExperimentSpec spec, ExperimentRecord experiment, Splits data, RunListener listener, StopSignal stop) {
        Instant started = clock.instant();
        long id = experiment.id();
        // Trials another process left running (crash, kill -9) are stopped and will be re-run below.
        store.stopRunning(id, "process ended while the trial was running; re-queued");
        store.setStatus(id, ExperimentStatus.RUNNING, null);

        SearchSpace space = searchFactory.space(spec);
        Schedule schedule = new Schedule(spec, store.all(id));
        Sampler sampler = searchFactory.sampler(spec, space, schedule.history(), schedule.numbersUsed());
        boolean maximize = spec.objective().direction() == ObjectiveSpec.Direction.MAXIMIZE;
        Pruner pruner = Pruners.of(spec.search().pruner(), maximize);
        Curves curves = new Curves(store.curves(id), spec.objective().metric());
        Instant deadline = spec.search().timeLimitIfAny().map(started::plus).orElse(null);
        Counters counters = new Counters();

        listener.experimentStarted(spec.name(), spec.search().trials(), schedule.done(), spec.search().parallelism());
        int threads = spec.search().parallelism();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "trial-worker");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            workers.add(pool.submit(() -> {
                while (!stop.stopped() && !pastDeadline(deadline, stop)) {
                    Work work = schedule.next(sampler);
                    if (work == null) break;
                    runTrial(spec, id, space, data, work, sampler, pruner, curves, schedule, listener, stop, deadline, counters);
                }
            }));
        }
        for (Future<?> f : workers) {
            try {
                f.get();
            } catch (Exception e) {
                stop.stop("a worker failed: " + e);
            }
        }
        pool.shutdownNow();
        ExperimentStatus status = stop.stopped() ? ExperimentStatus.STOPPED : ExperimentStatus.COMPLETED;
        store.setStatus(id, status, null);
        return new RunReport(spec.name(), status, counters.run.get(), counters.completed.get(), counters.pruned.get(),
                counters.failed.get(), counters.stopped.get(),
                (clock.instant().toEpochMilli() - started.toEpochMilli()) / 1000.0, stop.reason());
    }

    private boolean pastDeadline(Instant deadline, StopSignal stop) {
        if (deadline != null && clock.instant().isAfter(deadline)) {
            stop.stop("time limit reached");
            return true;
        }
        return false;
    }

    private void runTrial(ExperimentSpec spec, long experimentId, SearchSpace space, Splits data, Work work, Sampler sampler,
                          Pruner pruner, Curves curves, Schedule schedule, RunListener listener, StopSignal stop,
                          Instant deadline, Counters counters) {
        double[] point = work.point();
        long seed = TrialSeeds.of(spec.search().seed(), work.number());
        int attempt = work.attempt();
        while (true) {
            TrialRecord trial = store.start(experimentId, work.number(), attempt, space.decode(point), point, seed, worker);
            counters.run.incrementAndGet();
            listener.trialStarted(work.number(), attempt, trial.params());
            long t0 = System.nanoTime();
            String failure;
            try {
                TrialPlan plan = new TrialPlan(space.network(point, seed), space.batchSize(point), space.epochs(point), seed);
                TrialOutcome outcome = trainer.train(plan, data, new EpochListener() {
                    @Override
                    public EpochDecision onEpoch(EpochMetrics m) {
                        store.recordEpoch(trial.id(), m);
                        listener.epochFinished(work.number(), m);
                        double value = curves.add(trial.id(), m);
                        if (stop.stopped() || pastDeadline(deadline, stop)) return EpochDecision.stop(stop.reason());
                        if (m.epoch() < plan.epochs()) {
                            var reason = pruner.prune(m.epoch(), value, curves.others(trial.id()));
                            if (reason.isPresent()) return EpochDecision.prune(reason.get());
                        }
                        return EpochDecision.CONTINUE;
                    }

                    @Override
                    public boolean interrupted() {
                        return stop.stopped() || pastDeadline(deadline, stop);
                    }

                    @Override
                    public void onProgress(int epoch, int batchesDone, int batchesTotal, double lastLoss) {
                        listener.batchProgress(work.number(), epoch, plan.epochs(), batchesDone, batchesTotal, lastLoss);
                    }
                });
                double seconds = (System.nanoTime() - t0) / 1e9;
                curves.finish(trial.id());
                if (outcome.ending() == TrialOutcome.Ending.STOPPED) {
                    store.end(trial.id(), TrialStatus.STOPPED, outcome.reason(), seconds);
                    counters.stopped.incrementAndGet();
                    listener.trialFinished(work.number(), attempt, TrialStatus.STOPPED, outcome.valAccuracy(), null, outcome.reason());
                    return;
                }
                double objective = objective(spec, outcome.valAccuracy(), outcome.valLoss());
                TrialStatus status = outcome.ending() == TrialOutcome.Ending.PRUNED ? TrialStatus.PRUNED : TrialStatus.COMPLETED;
                store.finish(trial.id(), status, new TrialStore.TrialResult(outcome.valAccuracy(), outcome.valLoss(), objective,
                        outcome.test(), outcome.model(), outcome.epochs().size(), seconds, outcome.samplesPerSecond(),
                        outcome.reason()));
                // A pruned trial's value is from fewer epochs: only full trials teach the sampler.
                sampler.tell(new Observation(point, status == TrialStatus.COMPLETED ? objective : null));
                (status == TrialStatus.COMPLETED ? counters.completed : counters.pruned).incrementAndGet();
                listener.trialFinished(work.number(), attempt, status, outcome.valAccuracy(), outcome.test().accuracy(),
                        outcome.reason());
                return;
            } catch (TrialDivergedException e) {
                List<EpochMetrics> epochs = e.epochs();
                EpochMetrics last = epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
                if (last != null && Double.isNaN(last.valAccuracy())) store.recordEpoch(trial.id(), last);
                failure = "diverged: " + e.getMessage();
            } catch (RuntimeException | OutOfMemoryError e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            curves.finish(trial.id());
            store.end(trial.id(), TrialStatus.FAILED, failure, seconds);
            counters.failed.incrementAndGet();
            listener.trialFinished(work.number(), attempt, TrialStatus.FAILED, null, null, failure);
            if (attempt > spec.search().retries() || stop.stopped()) {
                sampler.tell(new Observation(point, null));
                return;
            }
            attempt++;
        }
    }

    static double objective(ExperimentSpec spec, double valAccuracy, double valLoss) {
        return spec.objective().metric() == ObjectiveSpec.Metric.VAL_LOSS ? valLoss : valAccuracy;
    }

    /** One trial to train: a new number, or an interrupted or failed one again with the next attempt. */
    private record Work(int number, int attempt, double[] point) {
    }

    private static final class Counters {
        final AtomicInteger run = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger pruned = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger stopped = new AtomicInteger();
    }

    /**
     * Which trial numbers are done, which must run again (interrupted, or failed with retries left),
     * and the next new number. The budget counts trial numbers, so retries never exceed it.
     */
    private static final class Schedule {
        private final int budget;
        private final Deque<Work> again = new ArrayDeque<>();
        private final List<Observation> history = new ArrayList<>();
        private int nextNumber;
        private int done;

        Schedule(ExperimentSpec spec, List<TrialRecord> stored) {
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
                        history.add(new Observation(last.point(), last.objective()));
                    }
                    case PRUNED -> done++;
                    case FAILED -> {
                        long failures = attempts.stream().filter(a -> a.status() == TrialStatus.FAILED).count();
                        if (failures > spec.search().retries()) done++;
                        else again.add(new Work(last.number(), last.attempt() + 1, last.point()));
                    }
                    default -> again.add(new Work(last.number(), last.attempt() + 1, last.point()));
                }
            }
        }

        List<Observation> history() {
            return history;
        }

        int numbersUsed() {
            return nextNumber;
        }

        int done() {
            return done;
        }

        synchronized Work next(Sampler sampler) {
            if (!again.isEmpty()) return again.poll();
            if (nextNumber >= budget) return null;
            var proposal = sampler.next();
            if (proposal.isEmpty()) return null;
            Proposal p = proposal.get();
            sampler.pending(p);
            return new Work(nextNumber++, 1, p.point());
        }
    }

    /** Every trial's objective per epoch, for pruners; seeded from the store so a resumed run remembers. */
    private static final class Curves {
        private final Map<Long, List<Double>> values = new HashMap<>();
        private final Map<Long, Boolean> finished = new HashMap<>();
        private final ObjectiveSpec.Metric metric;

        Curves(Map<Long, List<EpochMetrics>> stored, ObjectiveSpec.Metric metric) {
            this.metric = metric;
            stored.forEach((id, epochs) -> {
                values.put(id, new ArrayList<>(epochs.stream().map(this::value).toList()));
                finished.put(id, true);
            });
        }

        private double value(EpochMetrics m) {
            return metric == ObjectiveSpec.Metric.VAL_LOSS ? m.valLoss() : m.valAccuracy();
        }

        synchronized double add(long trialId, EpochMetrics m) {
            double v = value(m);
            values.computeIfAbsent(trialId, k -> new ArrayList<>()).add(v);
            finished.putIfAbsent(trialId, false);
            return v;
        }

        synchronized void finish(long trialId) {
            finished.put(trialId, true);
        }

        synchronized List<TrialCurve> others(long trialId) {
            List<TrialCurve> out = new ArrayList<>();
            values.forEach((id, vs) -> {
                if (id != trialId) {
                    out.add(new TrialCurve(id, finished.getOrDefault(id, false), vs.stream().mapToDouble(Double::doubleValue).toArray()));
                }
            });
            return out;
        }
    }
}
