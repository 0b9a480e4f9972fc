package dev.tuneboard.run;

import dev.tuneboard.data.DataException;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.SpecException;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.ExperimentStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker process's loop: serve every queued or running experiment in the shared store until none
 * has work left (or forever, polling). Trials are claimed through the store, so any number of
 * workers on any number of machines can serve the same experiment.
 */
public final class Worker {
    private final Experiments experiments;
    private final Integer threads;
    private final RunListener listener;

    public Worker(Experiments experiments, Integer threads, RunListener listener) {
        this.experiments = experiments;
        this.threads = threads;
        this.listener = listener;
    }

    public List<RunReport> work(StopSignal stop, boolean exitWhenIdle, Duration poll) throws InterruptedException {
        List<RunReport> reports = new ArrayList<>();
        while (!stop.stopped()) {
            boolean didWork = false;
            for (ExperimentRecord e : experiments.store().active()) {
                if (stop.stopped()) break;
                Experiments.Prepared prepared;
                try {
                    prepared = experiments.resume(experiments.open(e));
                } catch (SpecException | DataException ex) {
                    experiments.store().setStatus(e.id(), ExperimentStatus.FAILED, "worker cannot start it: " + ex.getMessage());
                    continue;
                } catch (RunException differentData) {
                    // Another machine's copy of the data differs: better idle than mix results.
                    continue;
                }
                ExperimentSpec spec = threads == null ? prepared.spec() : prepared.spec().withParallelism(threads);
                RunReport report = experiments.run(new Experiments.Prepared(spec, prepared.record(), prepared.splits()),
                        listener, stop);
                if (report.trialsRun() > 0) {
                    didWork = true;
                    reports.add(report);
                }
            }
            if (!didWork) {
                if (exitWhenIdle) break;
                Thread.sleep(poll.toMillis());
            }
        }
        return reports;
    }
}
