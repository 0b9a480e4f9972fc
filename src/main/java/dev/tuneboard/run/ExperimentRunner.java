package dev.tuneboard.run;

import dev.tuneboard.data.Splits;
import dev.tuneboard.search.Proposal;
import dev.tuneboard.search.Sampler;
import dev.tuneboard.search.SearchFactory;
import dev.tuneboard.search.SearchSpace;
import dev.tuneboard.search.pruning.Pruner;
import dev.tuneboard.search.pruning.Pruners;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.ExperimentStatus;
import dev.tuneboard.store.NewExperiment;
import dev.tuneboard.store.Store;
import dev.tuneboard.store.TrialStore;
import dev.tuneboard.train.EpochListener;
import dev.tuneboard.train.Trainer;
import dev.tuneboard.train.TrialOutcome;
import dev.tuneboard.train.TrialPlan;
import dev.tuneboard.trial.Provenance;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs an experiment: up to `parallelism` worker threads each claim the next trial from the store
 * (one transaction: a re-run of an interrupted or failed trial, or a new proposal from the sampler
 * rebuilt from what the store holds), train it on one thread (the launcher gives each one ND4J/BLAS
 * thread), and record every epoch and outcome. A failing trial is recorded and the run goes on.
 * Because the store is the source of truth, the same loop resumes a crashed run and lets worker
 * processes on other machines share an experiment.
 */
public final class ExperimentRunner {
    private final Store store;
    private final SearchFactory searchFactory;
    private final Trainer trainer;
    private final Clock clock;
    private final String worker;
    private final Liveness liveness;
    private final Provenance provenance;

    /** How often a worker says its trials are alive; a trial silent for {@link #DEAD_AFTER} is re-queued. */
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    public static final Duration DEAD_AFTER = Duration.ofSeconds(60);
    /** Claims that lost the race for a trial number to another process, before asking under the lock. */
    private static final int OPTIMISTIC_ROUNDS = 3;

    /** {@code worker} is "pid@host", as the JVM names itself, so a crash on this host is seen at once. */
    public ExperimentRunner(Store store, SearchFactory searchFactory, Trainer trainer, Clock clock, String worker) {
        this(store, searchFactory, trainer, clock, worker, DEAD_AFTER, null);
    }

    /** {@code provenance}: recorded with every trial this runner finishes (null: none recorded). */
    public ExperimentRunner(Store store, SearchFactory searchFactory, Trainer trainer, Clock clock, String worker,
                            Duration deadAfter, Provenance provenance) {
        this.store = store;
        this.provenance = provenance;
        this.searchFactory = searchFactory;
        this.trainer = trainer;
        this.clock = clock;
        this.worker = worker;
        String host = worker.contains("@") ? worker.substring(worker.indexOf('@') + 1) : "";
        this.liveness = new Liveness(host, deadAfter);
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
                spec.objective(), spec.search().trials(), spec.search().parallelism()));
    }

    public RunReport run(ExperimentSpec spec, ExperimentRecord experiment, Splits data, RunListener listener, StopSignal stop) {
        Instant started = clock.instant();
        long id = experiment.id();
        store.setStatus(id, ExperimentStatus.RUNNING, null);
        SearchSpace space = searchFactory.space(spec);
        Pruner pruner = Pruners.of(spec.search().pruner(), spec.objective());
        Instant deadline = spec.search().timeLimitIfAny().map(started::plus).orElse(null);
        BooleanSupplier pastDeadline = () -> pastDeadline(deadline, stop);
        TrialLog log = new TrialLog(store, id);
        ReentrantLock claimLock = new ReentrantLock();
        TrialTask task = new TrialTask(store, trainer, spec, space, data, pruner, log, listener, stop, pastDeadline,
                provenance);

        Schedule before = new Schedule(spec, log.refresh(), liveness, clock.instant());
        listener.experimentStarted(spec.name(), spec.search().trials(), before.done(), spec.search().parallelism());
        List<String> othersAtStart = before.liveWorkersOtherThan(worker);
        if (!othersAtStart.isEmpty()) {
            listener.note("trials " + before.runningNumbers() + " are being trained by another live process ("
                    + String.join(", ", othersAtStart) + "); this run takes only trials nobody holds");
        }
        Map<TrialStatus, AtomicInteger> counts = new EnumMap<>(TrialStatus.class);
        for (TrialStatus s : TrialStatus.values()) counts.put(s, new AtomicInteger());
        List<String> workerErrors = new CopyOnWriteArrayList<>();
        int threads = spec.search().parallelism();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "trial-worker");
            t.setDaemon(true);
            return t;
        });
        try (Heartbeat heartbeat = new Heartbeat(store, HEARTBEAT)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                workers.add(pool.submit(() -> {
                    // A fault that outlasts the store's retries ends this thread only: the other threads (and
                    // other processes) go on, and the trials it held are re-queued when its process ends.
                    try {
                        while (!stop.stopped() && !pastDeadline.getAsBoolean()) {
                            Optional<TrialRecord> trial = claim(spec, id, space, log, claimLock);
                            if (trial.isEmpty()) break;
                            heartbeat.add(trial.get().id());
                            try {
                                counts.get(task.run(trial.get()).status()).incrementAndGet();
                            } finally {
                                heartbeat.remove(trial.get().id());
                            }
                        }
                    } catch (RuntimeException e) {
                        workerErrors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                        listener.note("a trial worker thread stopped: " + e.getMessage());
                    }
                }));
            }
            for (Future<?> f : workers) {
                try {
                    f.get();
                } catch (Exception e) {
                    workerErrors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Schedule after = new Schedule(spec, log.refresh(), liveness, clock.instant());
        String failure = workerErrors.isEmpty() ? null : "trial workers failed: " + String.join("; ", workerErrors);
        ExperimentStatus status;
        if (after.running() > 0) status = ExperimentStatus.RUNNING;   // other workers are still at it
        else if (after.finished()) status = ExperimentStatus.COMPLETED;
        else if (failure != null) status = ExperimentStatus.FAILED;
        else if (stop.stopped()) status = ExperimentStatus.STOPPED;
        else status = ExperimentStatus.COMPLETED;
        store.setStatus(id, status, status == ExperimentStatus.FAILED ? failure : null);
        int run = counts.values().stream().mapToInt(AtomicInteger::get).sum();
        return new RunReport(spec.name(), status, run, counts.get(TrialStatus.COMPLETED).get(),
                counts.get(TrialStatus.PRUNED).get(), counts.get(TrialStatus.FAILED).get(), counts.get(TrialStatus.STOPPED).get(),
                (clock.instant().toEpochMilli() - started.toEpochMilli()) / 1000.0,
                failure != null ? failure : stop.reason(), after.completed(), after.liveWorkersOtherThan(worker));
    }

    /**
     * Takes the next trial, so that workers in other processes never take the same one. The sampler is asked
     * outside the store's lock on what the store held a moment ago (building it can take seconds: class loading
     * on a cold JVM, TPE over every trial); the locked part only checks that nobody took that trial number
     * meanwhile and inserts it. If somebody did, ask again; after a few lost races, ask under the lock.
     * Threads of this process take turns, so they never race each other for the same number.
     */
    private Optional<TrialRecord> claim(ExperimentSpec spec, long experimentId, SearchSpace space, TrialLog log,
                                        ReentrantLock claimLock) {
        claimLock.lock();
        try {
            for (int round = 0; ; round++) {
                Schedule seen = new Schedule(spec, log.refresh(), liveness, clock.instant());
                Ask asked = seen.rerun() == null && seen.nextNumber() >= 0 ? ask(spec, space, seen) : null;
                boolean underLock = round >= OPTIMISTIC_ROUNDS;
                AtomicBoolean lostRace = new AtomicBoolean();
                Optional<TrialRecord> claimed = store.claim(experimentId, worker, reader -> {
                    lostRace.set(false);
                    Schedule now = new Schedule(spec, log.refresh(reader), liveness, clock.instant());
                    TrialStore.NewAttempt next = null;
                    Schedule.Rerun rerun = now.rerun();
                    if (rerun != null) {
                        next = new TrialStore.NewAttempt(rerun.number(), rerun.attempt(), space.decode(rerun.point()),
                                rerun.point(), rerun.seed());
                    } else if (now.nextNumber() >= 0) {
                        if (asked != null && asked.number() == now.nextNumber()) next = asked.attempt();
                        else if (underLock) next = ask(spec, space, now).attempt();
                        else lostRace.set(true);
                    }
                    return new TrialStore.Claim(now.stale(), "worker stopped while the trial was running; re-queued", next);
                });
                if (!lostRace.get()) return claimed;
            }
        } finally {
            claimLock.unlock();
        }
    }

    /** What the sampler proposes for the schedule's next trial number; a null attempt when it has nothing left. */
    private record Ask(int number, TrialStore.NewAttempt attempt) {
    }

    private Ask ask(ExperimentSpec spec, SearchSpace space, Schedule schedule) {
        int number = schedule.nextNumber();
        Sampler sampler = searchFactory.sampler(spec, space, schedule.history(), number);
        schedule.pending().forEach(p -> sampler.pending(new Proposal(p, space.decode(p))));
        Optional<Proposal> proposal = sampler.next();
        return new Ask(number, proposal.map(p -> new TrialStore.NewAttempt(number, 1, p.params(), p.point(),
                TrialSeeds.of(spec.search().seed(), number))).orElse(null));
    }

    /** Trains a stored trial again, as it was trained (a pruned one for the epochs it ran); stores nothing. */
    public TrialOutcome retrain(ExperimentSpec spec, TrialRecord trial, Splits data, EpochListener listener) {
        SearchSpace space = searchFactory.space(spec);
        int epochs = trial.status() == TrialStatus.PRUNED ? trial.epochsDone() : space.epochs(trial.point());
        return trainer.train(TrialTask.plan(spec, space, trial, epochs), data, listener);
    }

    /** Trains a stored trial's configuration (params, seed) for exactly {@code epochs} on {@code data}; stores nothing. */
    public TrialOutcome trainFor(ExperimentSpec spec, TrialRecord trial, Splits data, int epochs, EpochListener listener) {
        TrialPlan p = TrialTask.plan(spec, searchFactory.space(spec), trial, epochs);
        // No validation split to stop on: exactly the epochs asked for.
        return trainer.train(new TrialPlan(p.network(), p.batchSize(), p.epochs(), p.seed(), p.augmentation(), null), data, listener);
    }

    Instant now() {
        return clock.instant();
    }

    private boolean pastDeadline(Instant deadline, StopSignal stop) {
        if (deadline != null && clock.instant().isAfter(deadline)) {
            stop.stop("time limit reached");
            return true;
        }
        return false;
    }
}
