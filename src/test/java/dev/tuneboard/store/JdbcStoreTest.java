package dev.tuneboard.store;

import dev.tuneboard.store.jdbc.Database;
import dev.tuneboard.store.jdbc.JdbcStore;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.Misclassified;
import dev.tuneboard.trial.Retrained;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.TestReport;
import dev.tuneboard.trial.TrialDetail;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
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
class JdbcStoreTest extends JdbcStoreFixture {
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
    void a_retrained_model_round_trips_and_a_repeat_replaces_it_leaving_the_trial_as_it_was() {
        ExperimentRecord e = experiment("retrained", "maximize");
        TrialRecord t = trial(e, 0, 0.9, TrialStatus.COMPLETED);
        assertTrue(store.retrained(t.id()).isEmpty());
        Instant at = Instant.parse("2026-11-26T22:00:00Z");
        store.saveRetrained(new Retrained(t.id(), 3, 3000, 1000, 0.95, 0.2, 12.5, at, 4), new byte[] {4, 5, 6, 7});
        assertEquals(new Retrained(t.id(), 3, 3000, 1000, 0.95, 0.2, 12.5, at, 4), store.retrained(t.id()).orElseThrow());
        store.saveRetrained(new Retrained(t.id(), 2, 3000, 1000, 0.96, 0.1, 9.0, at.plusSeconds(60), 2), new byte[] {8, 9});
        assertEquals(0.96, store.retrained(t.id()).orElseThrow().testAccuracy());
        assertArrayEquals(new byte[] {8, 9}, store.retrainedModel(t.id()).orElseThrow());
        assertArrayEquals(new byte[] {1, 2, 3}, store.model(t.id()).orElseThrow(), "the trial's own model");
        assertEquals(0.8, store.trial(t.id()).orElseThrow().testAccuracy());
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

    /** Leaderboard pages (two-step: ordered ids, then rows) match a plain sort of every attempt, for each order, filter and page. */
    @Test
    void leaderboard_pages_match_a_full_sort_for_every_order_filter_and_page() {
        ExperimentRecord e = experiment("pages", "maximize");
        List<TrialStatus> cycle = List.of(TrialStatus.COMPLETED, TrialStatus.PRUNED, TrialStatus.COMPLETED, TrialStatus.FAILED,
                TrialStatus.COMPLETED, TrialStatus.STOPPED);
        for (int n = 0; n < 30; n++) {
            TrialStatus status = cycle.get(n % cycle.size());
            double objective = 0.5 + 0.01 * (n % 7);   // ties on purpose: trial number and attempt break them
            if (status == TrialStatus.FAILED || status == TrialStatus.STOPPED) {
                TrialRecord t = store.start(e.id(), n, 1, Map.of("learning_rate", 0.001), new double[] {0.5}, n, "test");
                store.end(t.id(), status, "ended", 1);
            } else {
                trial(e, n, objective, status);
            }
        }
        // A retried trial: its second attempt ties with the first on everything but the attempt.
        TrialRecord retry = store.start(e.id(), 3, 2, Map.of("learning_rate", 0.001), new double[] {0.5}, 3, "test");
        store.finish(retry.id(), TrialStatus.COMPLETED, new TrialStore.TrialResult(0.5, 0.4, 0.5, null, null, 1, 2.5, 100, null));
        store.start(e.id(), 31, 1, Map.of("learning_rate", 0.001), new double[] {0.5}, 31, "test");   // still running
        List<TrialRecord> all = store.all(e.id());
        Map<String, java.util.function.Function<TrialRecord, Comparable<?>>> columns = Map.of(
                "objective", TrialRecord::objective, "val_accuracy", TrialRecord::valAccuracy,
                "test_accuracy", TrialRecord::testAccuracy, "number", TrialRecord::number,
                "status", t -> t.status().key(), "seconds", TrialRecord::seconds);
        List<Set<TrialStatus>> filters = List.of(Set.of(), Set.of(TrialStatus.COMPLETED),
                Set.of(TrialStatus.COMPLETED, TrialStatus.PRUNED), Set.of(TrialStatus.FAILED, TrialStatus.RUNNING));
        int[][] pages = {{0, 10}, {0, 100}, {7, 5}, {25, 10}, {40, 10}};
        for (var column : columns.entrySet()) {
            for (boolean descending : new boolean[] {true, false}) {
                for (Set<TrialStatus> filter : filters) {
                    List<Long> expected = all.stream().filter(t -> filter.isEmpty() || filter.contains(t.status()))
                            .sorted(order(column.getValue(), descending)).map(TrialRecord::id).toList();
                    assertEquals(expected.size(), store.count(e.id(), filter));
                    for (int[] page : pages) {
                        List<Long> got = store.leaderboard(e.id(), new LeaderboardQuery(column.getKey(), descending, filter,
                                page[0], page[1])).stream().map(TrialRecord::id).toList();
                        assertEquals(expected.subList(Math.min(page[0], expected.size()),
                                Math.min(page[0] + page[1], expected.size())), got,
                                column.getKey() + (descending ? " desc " : " asc ") + filter + " page " + page[0]);
                    }
                }
            }
        }
        TrialRecord top = store.leaderboard(e.id(), LeaderboardQuery.best(true, 1)).get(0);
        TrialRecord full = all.stream().filter(t -> t.id() == top.id()).findFirst().orElseThrow();
        assertEquals(List.of(full.number(), full.attempt(), full.status(), full.params(), full.objective(), full.testAccuracy(),
                        full.startedAt(), full.finishedAt(), full.worker()),
                List.of(top.number(), top.attempt(), top.status(), top.params(), top.objective(), top.testAccuracy(),
                        top.startedAt(), top.finishedAt(), top.worker()), "the page's rows are the full rows");
        assertArrayEquals(full.point(), top.point());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static java.util.Comparator<TrialRecord> order(java.util.function.Function<TrialRecord, Comparable<?>> value,
                                                           boolean descending) {
        java.util.Comparator<Comparable> direction = descending ? java.util.Comparator.reverseOrder()
                : java.util.Comparator.naturalOrder();
        return java.util.Comparator.comparing((TrialRecord t) -> (Comparable) value.apply(t),
                        java.util.Comparator.nullsLast(direction))
                .thenComparingInt(TrialRecord::number).thenComparingInt(TrialRecord::attempt);
    }

    /** Summaries are cached per experiment; every change of its trials, from this or another process, shows at once. */
    @Test
    void summaries_follow_every_trial_change_also_from_another_process() throws Exception {
        ExperimentRecord e = experiment("counted", "minimize");
        ExperimentRecord other = experiment("untouched", "maximize");
        trial(other, 1, 0.9, TrialStatus.COMPLETED);
        assertEquals(0, store.summary("counted").orElseThrow().trials());
        TrialRecord a = store.start(e.id(), 1, 1, Map.of("learning_rate", 0.001), new double[] {0.5}, 1, "test");
        ExperimentSummary s = store.summary("counted").orElseThrow();
        assertEquals(List.of(1, 1, 0), List.of(s.trials(), s.running(), s.completed()));
        store.recordEpoch(a.id(), new EpochMetrics(1, 0.5, 0.4, 0.8, 1.0, 100));
        store.finish(a.id(), TrialStatus.COMPLETED, new TrialStore.TrialResult(0.8, 0.4, 0.4,
                new TestReport(0.7, 0.5, new int[][] {{1}}, List.of()), null, 1, 1, 100, null));
        s = summary("counted");
        assertEquals(List.of(1, 0, 1), List.of(s.trials(), s.running(), s.completed()));
        assertEquals(0.4, s.bestObjective());
        assertEquals(0.7, s.bestTestAccuracy());

        // Another process whose clock runs an hour behind: its finish is not the latest one.
        try (JdbcStore behind = new JdbcStore(Database.open(store.database().url(), null, null),
                Clock.offset(Clock.systemUTC(), java.time.Duration.ofHours(-1)))) {
            TrialRecord b = behind.start(e.id(), 2, 1, Map.of("learning_rate", 0.002), new double[] {0.6}, 2, "elsewhere");
            assertEquals(1, summary("counted").running());
            behind.finish(b.id(), TrialStatus.PRUNED, new TrialStore.TrialResult(0.9, 0.3, 0.3,
                    new TestReport(0.75, 0.5, new int[][] {{1}}, List.of()), null, 1, 1, 100, null));
            s = summary("counted");
            assertEquals(List.of(2, 0, 1, 1), List.of(s.trials(), s.running(), s.completed(), s.pruned()));
            assertEquals(0.3, s.bestObjective());
            assertEquals(0.75, s.bestTestAccuracy());
            TrialRecord c = behind.start(e.id(), 3, 1, Map.of("learning_rate", 0.003), new double[] {0.7}, 3, "elsewhere");
            behind.end(c.id(), TrialStatus.FAILED, "boom", 1);
            assertEquals(1, summary("counted").failed());
        }
        store.setStatus(e.id(), ExperimentStatus.COMPLETED, null);
        assertEquals(ExperimentStatus.COMPLETED, summary("counted").experiment().status(), "the experiment row is never cached");
        ExperimentSummary untouched = summary("untouched");
        assertEquals(List.of(1, 1), List.of(untouched.trials(), untouched.completed()));
        assertEquals(0.9, untouched.bestObjective());
    }

    /** summary(name) and the same experiment's entry in list() agree (the list reads its markers in one query). */
    private ExperimentSummary summary(String name) {
        ExperimentSummary one = store.summary(name).orElseThrow();
        ExperimentSummary listed = store.list().stream().filter(x -> x.experiment().name().equals(name)).findFirst().orElseThrow();
        assertEquals(one, listed);
        return one;
    }
}
