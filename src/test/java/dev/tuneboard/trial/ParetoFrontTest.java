package dev.tuneboard.trial;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParetoFrontTest {
    private static final Objective ACCURACY = Objective.VAL_ACCURACY;
    private static final Objective LATENCY = new Objective(Objective.Metric.LATENCY_MS, Objective.Direction.MINIMIZE);
    private static final Objective SIZE = new Objective(Objective.Metric.PARAMETERS, Objective.Direction.MINIMIZE);
    private static final ParetoFront FRONT = new ParetoFront(ACCURACY, LATENCY);

    /** A completed trial with this accuracy, latency and size (null latency: never measured). */
    static TrialRecord trial(long id, Double accuracy, Double latencyMs, long parameters) {
        InferenceCost cost = latencyMs == null ? null : new InferenceCost(parameters, latencyMs, latencyMs * 20, 51, 7);
        return new TrialRecord(id, 1, (int) id, 1, TrialStatus.COMPLETED, Map.of(), new double[0], id, accuracy, 0.3, 0.9, 0.3,
                accuracy, 1, 100.0, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, 1.0, null, null, "w", null, cost);
    }

    @Test
    void keeps_exactly_the_trials_nothing_beats_on_both() {
        List<TrialRecord> t = List.of(
                trial(1, 0.97, 0.50, 200_000),   // most accurate: front
                trial(2, 0.95, 0.10, 50_000),    // front
                trial(3, 0.94, 0.20, 60_000),    // dominated by 2 (worse accuracy, slower)
                trial(4, 0.90, 0.05, 10_000),    // fastest: front
                trial(5, 0.96, 0.60, 300_000));  // dominated by 1
        assertEquals(Set.of(1L, 2L, 4L), FRONT.of(t));
        assertTrue(FRONT.dominates(t.get(1), t.get(2)));
        assertFalse(FRONT.dominates(t.get(0), t.get(1)));
        assertFalse(FRONT.dominates(t.get(1), t.get(0)));
        // Against size instead of latency the same trials make another front.
        assertEquals(Set.of(1L, 2L, 4L), new ParetoFront(ACCURACY, SIZE).of(t));
    }

    @Test
    void ties_all_stay_on_the_front_and_equal_on_one_axis_is_decided_by_the_other() {
        List<TrialRecord> t = List.of(
                trial(1, 0.95, 0.10, 1),
                trial(2, 0.95, 0.10, 1),   // identical to 1: neither dominates, both on the front
                trial(3, 0.95, 0.20, 1),   // same accuracy, slower: dominated by 1 and 2
                trial(4, 0.93, 0.10, 1),   // same latency, less accurate: dominated
                trial(5, 0.99, 0.10, 1));  // better accuracy at the same latency: dominates 1 and 2 after all
        assertEquals(Set.of(5L), FRONT.of(t));
        assertEquals(Set.of(1L, 2L), FRONT.of(t.subList(0, 4)));
        assertFalse(FRONT.dominates(t.get(0), t.get(1)));
        assertTrue(FRONT.dominates(t.get(0), t.get(2)));
        assertTrue(FRONT.dominates(t.get(0), t.get(3)));
    }

    @Test
    void nan_or_unmeasured_trials_are_never_on_the_front_and_dominate_nothing() {
        List<TrialRecord> t = List.of(
                trial(1, Double.NaN, 0.01, 1),   // diverged, but fastest: still not a trade-off
                trial(2, 0.90, null, 1),         // stored before costs were measured
                trial(3, Double.NaN, null, 1),   // neither (a latency itself is never NaN: InferenceCost refuses it)
                trial(4, 0.70, 0.40, 1));
        assertEquals(Set.of(4L), FRONT.of(t));
        assertFalse(FRONT.dominates(t.get(0), t.get(3)));
        assertTrue(FRONT.dominates(t.get(3), t.get(0)));
        assertEquals(Set.of(), FRONT.of(t.subList(0, 3)));
        assertEquals(Set.of(), FRONT.of(List.of()));
    }

    @Test
    void minimising_the_first_objective_works_the_same_way() {
        Objective loss = new Objective(Objective.Metric.VAL_LOSS, Objective.Direction.MINIMIZE);
        // val_loss is 0.3 for all of them in trial(): a tie on the first objective, so only the fastest remain.
        List<TrialRecord> t = List.of(trial(1, 0.9, 0.2, 1), trial(2, 0.8, 0.1, 1), trial(3, 0.7, 0.1, 1));
        assertEquals(Set.of(2L, 3L), new ParetoFront(loss, LATENCY).of(t));
    }

    /** The O(n log n) sweep agrees with the definition (every pair compared) on random data with many ties. */
    @Test
    void agrees_with_pairwise_dominance_on_random_trials() {
        Random r = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<TrialRecord> t = new ArrayList<>();
            int n = 1 + r.nextInt(40);
            for (int i = 0; i < n; i++) {
                Double acc = r.nextInt(10) == 0 ? Double.NaN : r.nextInt(8) / 10.0;
                Double lat = r.nextInt(10) == 0 ? null : r.nextInt(8) / 10.0;
                t.add(trial(i, acc, lat, 1));
            }
            Set<Long> expected = new java.util.HashSet<>();
            for (TrialRecord a : t) {
                boolean measured = !Double.isNaN(ACCURACY.value(a)) && !Double.isNaN(LATENCY.value(a));
                if (measured && t.stream().noneMatch(b -> FRONT.dominates(b, a))) expected.add(a.id());
            }
            assertEquals(expected, FRONT.of(t), "round " + round);
        }
    }

    @Test
    void cost_metrics_are_not_per_epoch_values_and_objectives_need_two() {
        assertThrows(IllegalStateException.class, () -> LATENCY.value(0.9, 0.3));
        assertEquals(0.5, LATENCY.value(trial(1, 0.9, 0.5, 7)));
        assertEquals(7.0, SIZE.value(trial(1, 0.9, 0.5, 7)));
        assertThrows(IllegalArgumentException.class, () -> new ParetoFront(ACCURACY, null));
        assertThrows(IllegalArgumentException.class, () -> new Tradeoffs(ACCURACY, Constraints.NONE));
    }

    @Test
    void constraints_say_what_a_trial_breaks() {
        Constraints limits = new Constraints(50_000L, 0.2);
        assertTrue(limits.feasible(new InferenceCost(50_000, 0.2, 1, 1, 1)));
        assertFalse(limits.feasible(new InferenceCost(50_001, 0.1, 1, 1, 1)));
        assertFalse(limits.feasible(null));
        assertTrue(Constraints.NONE.feasible(null));
        assertEquals("50,001 parameters > 50,000; latency 0.300 ms > 0.2 ms", limits.violation(new InferenceCost(50_001, 0.3, 1, 1, 1)));
    }
}
