package dev.tuneboard.store;

import dev.tuneboard.trial.Constraints;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.HardSample;
import dev.tuneboard.trial.InferenceCost;
import dev.tuneboard.trial.Misclassified;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.TestReport;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Inference costs, limits in leaderboard queries and the hardest test images, against a real H2 file database
 * (and PostgreSQL in {@link TradeoffStorePostgresTest}).
 */
class TradeoffStoreTest extends JdbcStoreFixture {
    ExperimentRecord e;

    @BeforeEach
    void experiment() {
        e = store.create(new NewExperiment("tradeoffs", "name: tradeoffs\n", "a".repeat(64), "b".repeat(64),
                Objective.VAL_ACCURACY, 10, 2));
    }

    private TrialRecord finished(int number, double accuracy, InferenceCost cost, List<Misclassified> misses) {
        TrialRecord t = store.start(e.id(), number, 1, Map.of("layer1_units", 16), new double[] {0.5}, number, "test");
        store.recordEpoch(t.id(), new EpochMetrics(1, 0.5, 0.4, accuracy, 1.0, 100));
        store.finish(t.id(), TrialStatus.COMPLETED, new TrialStore.TrialResult(accuracy, 0.4, accuracy,
                new TestReport(0.9, 0.3, new int[10][10], misses, cost), new byte[] {1}, 1, 1.0, 100, null));
        return store.trial(t.id()).orElseThrow();
    }

    private static Misclassified miss(int index, int truth, int predicted) {
        return new Misclassified(index, truth, predicted, 0.7);
    }

    @Test
    void a_trial_keeps_its_measured_cost_and_an_unmeasured_one_has_none() {
        InferenceCost cost = new InferenceCost(203_530, 0.0421, 3.25, 101, 15);
        assertEquals(cost, finished(0, 0.9, cost, List.of()).cost());
        assertNull(finished(1, 0.8, null, List.of()).cost());
        assertEquals(cost, store.leaderboard(e.id(), LeaderboardQuery.best(true, 1)).get(0).cost());
    }

    @Test
    void the_leaderboard_keeps_only_trials_meeting_the_limits_and_unmeasured_ones_meet_none() {
        finished(0, 0.97, new InferenceCost(900_000, 0.30, 9, 1, 1), List.of());   // too big
        finished(1, 0.96, new InferenceCost(100_000, 0.90, 9, 1, 1), List.of());   // too slow
        finished(2, 0.95, new InferenceCost(100_000, 0.10, 9, 1, 1), List.of());   // meets both
        finished(3, 0.99, null, List.of());                                         // never measured
        finished(4, 0.90, new InferenceCost(500_000, 0.50, 9, 1, 1), List.of());   // exactly at both limits
        LeaderboardQuery best = LeaderboardQuery.best(true, 10);
        Constraints limits = new Constraints(500_000L, 0.5);
        assertEquals(List.of(3, 0, 1, 2, 4), numbers(store.leaderboard(e.id(), best)));
        assertEquals(List.of(2, 4), numbers(store.leaderboard(e.id(), best.feasibleOnly(limits))));
        assertEquals(List.of(1, 2, 4), numbers(store.leaderboard(e.id(), best.feasibleOnly(new Constraints(500_000L, null)))));
        assertEquals(List.of(0, 2, 4), numbers(store.leaderboard(e.id(), best.feasibleOnly(new Constraints(null, 0.5)))));
        // The page cache tells filtered pages from unfiltered ones.
        assertEquals(List.of(3, 0, 1, 2, 4), numbers(store.leaderboard(e.id(), best)));
        assertEquals(List.of(4), numbers(store.leaderboard(e.id(),
                new LeaderboardQuery("objective", true, Set.of(TrialStatus.COMPLETED), 1, 5, limits))));
    }

    @Test
    void hardest_counts_every_miss_of_the_given_trials_exactly() {
        TrialRecord a = finished(0, 0.9, null, List.of(miss(7, 9, 4), miss(3, 1, 7), miss(11, 2, 3)));
        TrialRecord b = finished(1, 0.9, null, List.of(miss(7, 9, 4), miss(3, 1, 2)));
        TrialRecord c = finished(2, 0.9, null, List.of(miss(7, 9, 7), miss(3, 1, 7), miss(5, 0, 6)));
        TrialRecord other = finished(3, 0.5, null, List.of(miss(5, 0, 6), miss(11, 2, 8)));
        List<Long> top = List.of(a.id(), b.id(), c.id());
        assertEquals(List.of(
                new HardSample(3, 1, 3, 3, 7, 2),    // wrong in all three, mostly as 7
                new HardSample(7, 9, 3, 3, 4, 2),    // same count: lower index first
                new HardSample(5, 0, 1, 3, 6, 1),
                new HardSample(11, 2, 1, 3, 3, 1)), store.hardest(top, 50));
        assertEquals(2, store.hardest(top, 2).size());
        // A tie between wrong labels goes to the lower one.
        assertEquals(new HardSample(3, 1, 2, 2, 2, 1), store.hardest(List.of(b.id(), c.id()), 50).get(0));
        assertEquals(List.of(new HardSample(5, 0, 1, 1, 6, 1), new HardSample(11, 2, 1, 1, 8, 1)), store.hardest(List.of(other.id()), 50));
        assertEquals(List.of(), store.hardest(List.of(), 50));
    }

    @Test
    void hardest_over_ten_thousand_stored_misses_is_exact() {
        // Two trials that each got 5,000 test images wrong: every one is stored, so every one is counted.
        List<Misclassified> evens = new ArrayList<>(), all = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            if (i % 2 == 0) evens.add(miss(i, i % 10, (i + 1) % 10));
            if (i < 5_000) all.add(miss(i, i % 10, (i + 2) % 10));
        }
        TrialRecord x = finished(0, 0.5, null, evens);
        TrialRecord y = finished(1, 0.5, null, all);
        List<HardSample> hard = store.hardest(List.of(x.id(), y.id()), 10_000);
        assertEquals(5_000 + 2_500, hard.size());
        assertEquals(2_500, hard.stream().filter(h -> h.wrong() == 2).count());
        assertEquals(new HardSample(0, 0, 2, 2, 1, 1), hard.get(0));
        assertEquals(store.detail(x.id()).orElseThrow().misclassified().size(), 5_000);
    }

    private static List<Integer> numbers(List<TrialRecord> trials) {
        return trials.stream().map(TrialRecord::number).toList();
    }
}
