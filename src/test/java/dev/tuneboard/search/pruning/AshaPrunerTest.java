package dev.tuneboard.search.pruning;

import dev.tuneboard.trial.Objective;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AshaPrunerTest {
    private static final Objective MIN_LOSS = new Objective(Objective.Metric.VAL_LOSS, Objective.Direction.MINIMIZE);


    private static TrialCurve curve(long id, boolean finished, double... values) {
        return new TrialCurve(id, finished, values);
    }

    @Test
    void rungs_are_min_epochs_times_powers_of_the_reduction_factor() {
        AshaPruner eta3 = new AshaPruner(1, 3, Objective.VAL_ACCURACY);
        for (int e : new int[] {1, 3, 9, 27, 81}) assertTrue(eta3.isRung(e), "epoch " + e);
        for (int e : new int[] {2, 4, 6, 8, 10, 18, 26, 28}) assertFalse(eta3.isRung(e), "epoch " + e);
        AshaPruner from2 = new AshaPruner(2, 2, Objective.VAL_ACCURACY);
        for (int e : new int[] {2, 4, 8, 16}) assertTrue(from2.isRung(e), "epoch " + e);
        for (int e : new int[] {1, 3, 6, 12}) assertFalse(from2.isRung(e), "epoch " + e);
        assertFalse(new AshaPruner(5, 100, Objective.VAL_ACCURACY).isRung(Integer.MAX_VALUE));
    }

    @Test
    void off_a_rung_even_the_worst_trial_continues() {
        List<TrialCurve> others = List.of(curve(1, true, 0.9, 0.9), curve(2, true, 0.9, 0.9), curve(3, false, 0.9, 0.9));
        assertEquals(Optional.empty(), new AshaPruner(1, 3, Objective.VAL_ACCURACY).prune(2, 0.1, others));
    }

    @Test
    void the_first_trial_at_a_rung_is_promoted() {
        assertEquals(Optional.empty(), new AshaPruner(1, 3, Objective.VAL_ACCURACY).prune(1, 0.1, List.of()));
        // Trials that have not reached the rung yet are not competitors.
        assertEquals(Optional.empty(), new AshaPruner(3, 3, Objective.VAL_ACCURACY).prune(3, 0.1, List.of(curve(1, false, 0.9, 0.9))));
    }

    @Test
    void with_fewer_than_two_eta_competitors_only_the_best_is_promoted() {
        // n = 3, eta = 3: k = 0, so a trial must be at least as good as the best one.
        List<TrialCurve> others = List.of(curve(1, true, 0.8), curve(2, false, 0.9));
        AshaPruner pruner = new AshaPruner(1, 3, Objective.VAL_ACCURACY);
        assertEquals(Optional.of("asha: val 0.85 not in the top 1/3 of 3 trials at rung epoch 1 (needed >= 0.9)"),
                pruner.prune(1, 0.85, others));
        assertEquals(Optional.empty(), pruner.prune(1, 0.9, others));
        assertEquals(Optional.empty(), pruner.prune(1, 0.95, others));
    }

    @Test
    void with_six_trials_at_a_rung_the_top_two_continue() {
        // n = 6, eta = 3: k = 1, the second best value at epoch 3 is the bar.
        List<TrialCurve> others = List.of(
                curve(1, true, 0.1, 0.1, 0.10, 0.99), curve(2, true, 0.1, 0.1, 0.20),
                curve(3, false, 0.1, 0.1, 0.30), curve(4, false, 0.1, 0.1, 0.40, 0.41),
                curve(5, true, 0.1, 0.1, 0.50),
                curve(6, false, 0.9, 0.9));   // has not reached epoch 3
        AshaPruner pruner = new AshaPruner(1, 3, Objective.VAL_ACCURACY);
        assertEquals(Optional.empty(), pruner.prune(3, 0.45, others));
        assertEquals(Optional.empty(), pruner.prune(3, 0.40, others));
        Optional<String> reason = pruner.prune(3, 0.35, others);
        assertEquals(Optional.of("asha: val 0.35 not in the top 1/3 of 6 trials at rung epoch 3 (needed >= 0.4)"), reason);
    }

    @Test
    void when_minimizing_the_lowest_losses_continue() {
        List<TrialCurve> losses = List.of(curve(1, true, 0.9, 0.30), curve(2, true, 0.9, 0.40), curve(3, false, 0.9, 0.50));
        AshaPruner pruner = new AshaPruner(2, 2, MIN_LOSS);
        // n = 4, eta = 2: k = 1, the bar is the second lowest loss 0.40.
        assertEquals(Optional.empty(), pruner.prune(2, 0.35, losses));
        assertEquals(Optional.empty(), pruner.prune(2, 0.40, losses));
        assertEquals(Optional.of("asha: val 0.45 not in the top 1/2 of 4 trials at rung epoch 2 (needed <= 0.4)"),
                pruner.prune(2, 0.45, losses));
    }

    @Test
    void a_diverged_trial_is_stopped_at_its_next_rung_only() {
        AshaPruner pruner = new AshaPruner(1, 3, Objective.VAL_ACCURACY);
        assertEquals(Optional.empty(), pruner.prune(2, Double.NaN, List.of()));
        assertTrue(pruner.prune(3, Double.NaN, List.of()).isPresent());
        // Diverged competitors rank last, so they never raise the bar.
        List<TrialCurve> others = List.of(curve(1, true, Double.NaN), curve(2, true, Double.NaN));
        assertEquals(Optional.empty(), pruner.prune(1, 0.01, others));
    }
}
