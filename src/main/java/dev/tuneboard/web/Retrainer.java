package dev.tuneboard.web;

import dev.tuneboard.data.DataException;
import dev.tuneboard.run.Experiments;
import dev.tuneboard.run.RunException;
import dev.tuneboard.train.EpochDecision;
import dev.tuneboard.train.EpochListener;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.TrialRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Retraining started from the dashboard ("Retrain on train+validation"), one at a time in the background
 * through the same {@link Experiments#retrain} as `export --retrain-full`. Only running and failed jobs are
 * kept here; a finished one is in the store. Closing stops a running one between batches.
 */
final class Retrainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Retrainer.class);

    /** A job of one experiment: running, or failed with its error. */
    record Job(int trial, boolean running, String error) {
    }

    private final Experiments experiments;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dashboard-retrain");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private volatile boolean closing;

    Retrainer(Experiments experiments) {
        this.experiments = experiments;
    }

    /** Starts retraining {@code trial}; false when this experiment already has one running. */
    synchronized boolean start(Experiments.Opened opened, TrialRecord trial, boolean force) {
        String name = opened.record().name();
        Job current = jobs.get(name);
        if (current != null && current.running()) return false;
        jobs.put(name, new Job(trial.number(), true, null));
        executor.submit(() -> run(opened, trial, force));
        return true;
    }

    private void run(Experiments.Opened opened, TrialRecord trial, boolean force) {
        String name = opened.record().name();
        try {
            experiments.retrain(opened, trial, force, new EpochListener() {
                @Override
                public EpochDecision onEpoch(EpochMetrics metrics) {
                    return EpochDecision.CONTINUE;
                }

                @Override
                public boolean interrupted() {
                    return closing;
                }
            });
            jobs.remove(name);
        } catch (DataException e) {
            jobs.put(name, new Job(trial.number(), false, e.field() + ": " + e.getMessage()));
        } catch (RunException e) {
            jobs.put(name, new Job(trial.number(), false, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("retraining trial {} of {} failed", trial.number(), name, e);
            jobs.put(name, new Job(trial.number(), false, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    Optional<Job> job(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    @Override
    public void close() {
        closing = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) LOG.warn("retraining did not stop within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
