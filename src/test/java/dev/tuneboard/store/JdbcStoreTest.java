package dev.tuneboard.store;

import dev.tuneboard.store.jdbc.Database;
import dev.tuneboard.store.jdbc.JdbcStore;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.Misclassified;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.TestReport;
import dev.tuneboard.trial.TrialDetail;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store contract, against a real H2 file database (and PostgreSQL in {@link JdbcStorePostgresTest}). */
class JdbcStoreTest {
    @TempDir
    Path dir;
    JdbcStore store;

    /** The database under test; subclasses run the same contract against other backends. */
    protected String url() throws Exception {
        return Database.defaultUrl(dir);
    }

    @BeforeEach
    void open() throws Exception {
        store = new JdbcStore(Database.open(url(), null, null), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ExperimentRecord experiment(String name, String direction) {
        return store.create(new NewExperiment(name, "name: " + name + "\n", "a".repeat(64), "b".repeat(64),
                new Objective("val_accuracy", direction), 10, 2));
    }

    private TrialRecord trial(ExperimentRecord e, int number, double objective, TrialStatus status) {
        TrialRecord t = store.start(e.id(), number, 1, Map.of("layer1_units", 64 + number, "learning_rate", 0.001),
                new double[] {0.1 * number, 0.5}, 1000 + number, "test");
        store.recordEpoch(t.id(), new EpochMetrics(1, 0.5, 0.4, objective, 1.0, 100));
        int[][] confusion = new int[10][10];
        confusion[3][5] = 2;
        confusion[3][3] = 8;
        store.finish(t.id(), status, new TrialStore.TrialResult(objective, 0.4, objective,
                new TestReport(0.8, 0.5, confusion, List.of(new Misclassified(17, 3, 5, 0.9), new Misclassified(42, 3, 5, 0.6))),
                new byte[] {1, 2, 3}, 1, 2.5, 100, null));
        return t;
    }

    @Test
    void a_finished_trial_round_trips_with_curve_confusion_misclassified_and_model() {
        ExperimentRecord e = experiment("round-trip", "maximize");
        TrialRecord t = trial(e, 0, 0.9, TrialStatus.COMPLETED);
        TrialDetail d = store.detail(t.id()).orElseThrow();
        assertEquals(TrialStatus.COMPLETED, d.trial().status());
        assertEquals(0.9, d.trial().valAccuracy());
        assertEquals(0.8, d.trial().testAccuracy());
        assertEquals(64, d.trial().params().get("layer1_units").intValue());
        assertArrayEquals(new double[] {0.0, 0.5}, d.trial().point());
        assertEquals(1000, d.trial().seed());
        assertEquals(List.of(new EpochMetrics(1, 0.5, 0.4, 0.9, 1.0, 100)), d.epochs());
        assertEquals(2, d.confusion()[3][5]);
        assertEquals(8, d.confusion()[3][3]);
        assertEquals(List.of(new Misclassified(17, 3, 5, 0.9), new Misclassified(42, 3, 5, 0.6)), d.misclassified());
        assertArrayEquals(new byte[] {1, 2, 3}, store.model(t.id()).orElseThrow());
    }

    @Test
    void nan_losses_of_a_diverged_trial_are_kept() {
        ExperimentRecord e = experiment("diverged", "maximize");
        TrialRecord t = store.start(e.id(), 0, 1, Map.of("learning_rate", 5.0), new double[] {1.0}, 1, "test");
        store.recordEpoch(t.id(), new EpochMetrics(1, Double.NaN, Double.POSITIVE_INFINITY, Double.NaN, 1.0, 10));
        store.end(t.id(), TrialStatus.FAILED, "diverged: loss NaN", 1.0);
        TrialDetail d = store.detail(t.id()).orElseThrow();
        assertTrue(Double.isNaN(d.epochs().get(0).trainLoss()));
        assertEquals(Double.POSITIVE_INFINITY, d.epochs().get(0).valLoss());
        assertEquals("diverged: loss NaN", d.trial().error());
        assertEquals(TrialStatus.FAILED, d.trial().status());
    }

    @Test
    void leaderboard_orders_by_the_objective_direction_and_pages_in_sql() {
        ExperimentRecord max = experiment("max", "maximize");
        trial(max, 0, 0.7, TrialStatus.COMPLETED);
        trial(max, 1, 0.9, TrialStatus.COMPLETED);
        trial(max, 2, 0.8, TrialStatus.PRUNED);
        List<TrialRecord> best = store.leaderboard(max.id(), LeaderboardQuery.best(true, 10));
        assertEquals(List.of(1, 2, 0), best.stream().map(TrialRecord::number).toList());
        List<TrialRecord> page = store.leaderboard(max.id(), new LeaderboardQuery("objective", true, Set.of(), 1, 1));
        assertEquals(List.of(2), page.stream().map(TrialRecord::number).toList());
        List<TrialRecord> completed = store.leaderboard(max.id(),
                new LeaderboardQuery("objective", true, Set.of(TrialStatus.COMPLETED), 0, 10));
        assertEquals(List.of(1, 0), completed.stream().map(TrialRecord::number).toList());
        assertEquals(2, store.count(max.id(), Set.of(TrialStatus.COMPLETED)));

        ExperimentRecord min = experiment("min", "minimize");
        trial(min, 0, 0.7, TrialStatus.COMPLETED);
        trial(min, 1, 0.3, TrialStatus.COMPLETED);
        assertEquals(List.of(1, 0), store.leaderboard(min.id(), LeaderboardQuery.best(false, 10)).stream()
                .map(TrialRecord::number).toList());
        ExperimentSummary summary = store.summary("min").orElseThrow();
        assertEquals(0.3, summary.bestObjective());
        assertEquals(2, summary.completed());
    }

    @Test
    void a_finished_trial_cannot_change_state_again() {
        ExperimentRecord e = experiment("states", "maximize");
        TrialRecord t = trial(e, 0, 0.9, TrialStatus.COMPLETED);
        StoreException err = assertThrows(StoreException.class, () -> store.end(t.id(), TrialStatus.FAILED, "late", 1));
        assertTrue(err.getMessage().contains("cannot go from completed to failed"));
        assertEquals(TrialStatus.COMPLETED, store.trial(t.id()).orElseThrow().status());
    }

    @Test
    void experiment_names_are_unique() {
        experiment("once", "maximize");
        StoreException err = assertThrows(StoreException.class, () -> experiment("once", "maximize"));
        assertTrue(err.getMessage().contains("already exists"));
    }

    @Test
    void running_trials_left_by_a_dead_process_are_stopped() {
        ExperimentRecord e = experiment("crash", "maximize");
        TrialRecord t = store.start(e.id(), 0, 1, Map.of(), new double[] {0.5}, 1, "dead");
        assertEquals(1, store.stopRunning(e.id(), "process died"));
        assertEquals(TrialStatus.STOPPED, store.trial(t.id()).orElseThrow().status());
        assertEquals("process died", store.trial(t.id()).orElseThrow().stopReason());
    }

    @Test
    void the_change_marker_moves_when_a_trial_ends_and_only_then() {
        ExperimentRecord e = experiment("marker", "maximize");
        ExperimentRecord other = experiment("other", "maximize");
        String empty = store.changes(e.id());
        TrialRecord running = store.start(e.id(), 1, 1, Map.of("learning_rate", 0.001), new double[] {0.5}, 1, "test");
        store.recordEpoch(running.id(), new EpochMetrics(1, 0.5, 0.4, 0.8, 1.0, 100));
        assertEquals(empty, store.changes(e.id()), "starting and training change no finished trial");
        TrialRecord done = trial(e, 2, 0.9, TrialStatus.COMPLETED);
        String afterFinish = store.changes(e.id());
        assertNotEquals(empty, afterFinish);
        trial(other, 1, 0.9, TrialStatus.COMPLETED);
        assertEquals(afterFinish, store.changes(e.id()), "another experiment's trials are not this one's");
        store.end(running.id(), TrialStatus.FAILED, "boom", 1);
        assertNotEquals(afterFinish, store.changes(e.id()));
        assertTrue(store.hasModel(done.id()));
        assertFalse(store.hasModel(running.id()));
    }
}
