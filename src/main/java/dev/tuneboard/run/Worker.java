package dev.tuneboard.run;

import dev.tuneboard.data.DataException;
import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.Splits;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.SpecException;
import dev.tuneboard.spec.SpecLoader;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.ExperimentStatus;
import dev.tuneboard.store.Store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A worker process's loop: serve every queued or running experiment in the shared store until none
 * has work left (or forever, polling). Trials are claimed through the store, so any number of
 * workers on any number of machines can serve the same experiment.
 */
public final class Worker {
    private final Store store;
    private final ExperimentRunner runner;
    private final DigitDataLoader loader;
    private final Integer threads;
    private final RunListener listener;
    private final Map<String, Splits> dataCache = new HashMap<>();

    public Worker(Store store, ExperimentRunner runner, DigitDataLoader loader, Integer threads, RunListener listener) {
        this.store = store;
        this.runner = runner;
        this.loader = loader;
        this.threads = threads;
        this.listener = listener;
    }

    public List<RunReport> work(StopSignal stop, boolean exitWhenIdle, Duration poll) throws InterruptedException {
        List<RunReport> reports = new ArrayList<>();
        while (!stop.stopped()) {
            boolean didWork = false;
            for (ExperimentRecord e : store.active()) {
                if (stop.stopped()) break;
                ExperimentSpec spec;
                Splits data;
                try {
                    spec = new SpecLoader().parse(e.specText(), "stored spec of " + e.name());
                    data = data(spec);
                } catch (SpecException | DataException ex) {
                    store.setStatus(e.id(), ExperimentStatus.FAILED, "worker cannot start it: " + ex.getMessage());
                    continue;
                }
                if (!data.dataHash().equals(e.dataHash())) {
                    // Another machine's copy of the data differs: better idle than mix results.
                    continue;
                }
                if (threads != null) spec = spec.withParallelism(threads);
                RunReport report = runner.run(spec, e, data, listener, stop);
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

    private Splits data(ExperimentSpec spec) throws DataException {
        var d = spec.data();
        String key = d.dir().toAbsolutePath() + "|" + d.validation() + "|" + d.trainLimit() + "|" + d.testLimit() + "|" + d.splitSeed();
        Splits cached = dataCache.get(key);
        if (cached == null) {
            cached = loader.load(d.dir(), d.validation(), d.trainLimit(), d.testLimit(), d.splitSeed());
            dataCache.put(key, cached);
        }
        return cached;
    }
}
