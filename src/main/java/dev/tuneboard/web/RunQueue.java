package dev.tuneboard.web;

import dev.tuneboard.data.DataException;
import dev.tuneboard.run.Experiments;
import dev.tuneboard.run.RunException;
import dev.tuneboard.run.RunListener;
import dev.tuneboard.run.StopSignal;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.ExperimentStatus;
import dev.tuneboard.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Experiments submitted through the dashboard, run one at a time (each already trains `parallelism`
 * trials at once) through the same {@link Experiments} service as the CLI. Closing stops them cleanly.
 */
final class RunQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunQueue.class);

    private final Experiments experiments;
    private final Store store;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dashboard-run-queue");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    /** {@code taken}: set once, by the run starting or by a cancel before it started, whichever is first. */
    private record Job(StopSignal stop, AtomicBoolean taken, Future<?> future) {
    }

    RunQueue(Experiments experiments) {
        this.experiments = experiments;
        this.store = experiments.store();
    }

    /** Queues a prepared experiment (already stored with status queued). */
    synchronized void submit(ExperimentSpec spec, ExperimentRecord record) {
        StopSignal stop = new StopSignal();
        AtomicBoolean taken = new AtomicBoolean();
        Future<?> future = executor.submit(() -> {
            if (taken.compareAndSet(false, true)) run(spec, record, stop);
        });
        jobs.put(spec.name(), new Job(stop, taken, future));
    }

    private void run(ExperimentSpec spec, ExperimentRecord record, StopSignal stop) {
        try {
            if (stop.stopped()) {
                store.setStatus(record.id(), ExperimentStatus.STOPPED, stop.reason());
                return;
            }
            // resume: the data must still be the data checked at submission.
            Experiments.Prepared prepared = experiments.resume(new Experiments.Opened(record, spec));
            experiments.run(prepared, RunListener.SILENT, stop);
        } catch (DataException e) {
            store.setStatus(record.id(), ExperimentStatus.FAILED, e.field() + ": " + e.getMessage());
        } catch (RunException e) {
            store.setStatus(record.id(), ExperimentStatus.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("run of {} failed", spec.name(), e);
            store.setStatus(record.id(), ExperimentStatus.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            jobs.remove(spec.name());
        }
    }

    boolean active(String name) {
        return jobs.containsKey(name);
    }

    /** Stops a queued or running experiment of this server; false when it has none by that name. */
    boolean cancel(String name, String why) {
        Job job = jobs.get(name);
        if (job == null) return false;
        job.stop().stop(why);
        // Still waiting in the queue: it will never start, so it is stopped now rather than when its turn comes.
        // (Future.cancel cannot tell: it also succeeds on a task that is already running.)
        if (job.taken().compareAndSet(false, true)) {
            job.future().cancel(false);
            jobs.remove(name);
            store.find(name).ifPresent(e -> store.setStatus(e.id(), ExperimentStatus.STOPPED, why));
        }
        return true;
    }

    @Override
    public void close() {
        for (String name : jobs.keySet()) cancel(name, "dashboard stopped");
        executor.shutdown();
        try {
            // Running trials end at their next batch and record themselves as stopped.
            if (!executor.awaitTermination(60, TimeUnit.SECONDS)) LOG.warn("a run did not stop within 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
