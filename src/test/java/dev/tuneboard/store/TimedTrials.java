package dev.tuneboard.store;

import dev.tuneboard.HandClock;

import dev.tuneboard.store.jdbc.Database;
import dev.tuneboard.store.jdbc.JdbcStore;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.TestReport;
import dev.tuneboard.trial.TrialStatus;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A real H2 file store (DIR/tuneboard.mv.db, what {@code --results DIR} opens) whose clock the test sets, so
 * experiments start at {@link #T0} and trials finish at chosen minutes after it: what anytime curves are made of.
 */
public final class TimedTrials implements AutoCloseable {
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");


    private final HandClock clock = new HandClock(T0);
    private final JdbcStore store;

    public TimedTrials(Path resultsDir) {
        store = new JdbcStore(Database.open(Database.defaultUrl(resultsDir), null, null), clock);
    }

    public JdbcStore store() {
        return store;
    }

    /** A running experiment (val_accuracy, maximize) that started at {@link #T0}. */
    public ExperimentRecord experiment(String name) {
        clock.now = T0;
        ExperimentRecord e = store.create(new NewExperiment(name, "name: " + name + "\n", "a".repeat(64), "b".repeat(64),
                Objective.VAL_ACCURACY, 100, 2));
        store.setStatus(e.id(), ExperimentStatus.RUNNING, null);
        return store.findById(e.id()).orElseThrow();
    }

    /** Trial {@code number} started at T0 and ended {@code minutes} later with these accuracies. */
    public void finished(ExperimentRecord e, int number, TrialStatus status, double minutes, double val, double test) {
        clock.now = T0;
        long id = store.start(e.id(), number, 1, Map.of("layer1_units", 64 + number), new double[] {0.5}, number, "test").id();
        clock.now = T0.plus(Duration.ofMillis(Math.round(minutes * 60_000)));
        store.recordEpoch(id, new EpochMetrics(1, 0.5, 0.3, val, 1.0, 100));
        store.finish(id, status, new TrialStore.TrialResult(val, 0.3, val, new TestReport(test, 0.3, new int[10][10], List.of(), null),
                new byte[] {1}, 1, minutes * 60, 100, status == TrialStatus.PRUNED ? "pruned at epoch 1" : null));
    }

    /** Trial {@code number} started at T0 and failed {@code minutes} later. */
    public void failed(ExperimentRecord e, int number, double minutes) {
        clock.now = T0;
        long id = store.start(e.id(), number, 1, Map.of("layer1_units", 64 + number), new double[] {0.5}, number, "test").id();
        clock.now = T0.plus(Duration.ofMillis(Math.round(minutes * 60_000)));
        store.end(id, TrialStatus.FAILED, "diverged", minutes * 60);
    }

    @Override
    public void close() {
        store.close();
    }
}
