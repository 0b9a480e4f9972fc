package dev.tuneboard.search.pruning;

import dev.tuneboard.trial.Objective;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HyperbandPrunerTest {
    private final HyperbandPruner pruner = new HyperbandPruner(1, 9, 3, Objective.VAL_ACCURACY);

    /** The first trial number at or after {@code from} that lands in {@code bracket}. */
    private int numberIn(int bracket, int from) {
        for (int n = from; ; n++) if (pruner.bracketOf(n) == bracket) return n;
    }

    @Test
    void brackets_as_optuna_counts_them_with_first_rungs_min_epochs_times_powers_of_eta() {
        assertEquals(3, pruner.brackets());
        assertEquals(List.of(1, 3, 9), List.of(pruner.firstRung(0), pruner.firstRung(1), pruner.firstRung(2)));
        assertEquals(2, new HyperbandPruner(1, 8, 3, Objective.VAL_ACCURACY).brackets());
        assertEquals(1, new HyperbandPruner(2, 2, 3, Objective.VAL_ACCURACY).brackets());
        assertEquals(4, new HyperbandPruner(2, 16, 2, Objective.VAL_ACCURACY).brackets());
        // Optuna's allocation for 3 brackets, eta 3: ceil(3 * 9 / 3), ceil(3 * 3 / 2), ceil(3 * 1 / 1).
        assertEquals(List.of(9, 5, 3), List.of(pruner.budget(0), pruner.budget(1), pruner.budget(2)));
    }

    @Test
    void trials_are_spread_over_brackets_by_number_deterministically_with_optunas_weights() {
        int[] counts = new int[3];
        for (int n = 0; n < 17_000; n++) counts[pruner.bracketOf(n)]++;
        assertEquals(9_000, counts[0], 300);
        assertEquals(5_000, counts[1], 300);
        assertEquals(3_000, counts[2], 300);
        HyperbandPruner again = new HyperbandPruner(1, 9, 3, Objective.VAL_ACCURACY);
        for (int n = 0; n < 100; n++) assertEquals(pruner.bracketOf(n), again.bracketOf(n));
    }

    @Test
    void a_trial_is_judged_at_its_brackets_rungs_against_its_bracket_only() {
        int first = numberIn(1, 0);
        int second = numberIn(1, first + 1);
        int elsewhere = numberIn(0, 0);
        // Bracket 1's first rung is epoch 3: nothing happens at epoch 1, whatever the value.
        assertEquals(Optional.empty(), pruner.prune(first, 1, 0.1, List.of()));
        // At epoch 3 a much better trial of bracket 0 is no competitor.
        List<TrialCurve> others = new ArrayList<>(List.of(new TrialCurve(1, true, new double[] {0.9, 0.95, 0.99}, elsewhere)));
        assertEquals(Optional.empty(), pruner.prune(first, 3, 0.5, others));
        // A better trial of its own bracket is.
        others.add(new TrialCurve(2, true, new double[] {0.5, 0.7, 0.9}, second));
        Optional<String> reason = pruner.prune(first, 3, 0.5, others);
        assertTrue(reason.isPresent());
        assertEquals("hyperband bracket 2 of 3 (first rung epoch 3): asha: val 0.5 not in the top 1/3 of 2 trials at rung "
                + "epoch 3 (needed >= 0.9)", reason.get());
    }

    @Test
    void bracket_zero_prunes_after_the_first_epoch_and_the_last_bracket_never_before_its_end() {
        int early = numberIn(0, 0);
        int rival = numberIn(0, early + 1);
        List<TrialCurve> others = List.of(new TrialCurve(5, true, new double[] {0.9}, rival));
        assertTrue(pruner.prune(early, 1, 0.2, others).isPresent());
        int late = numberIn(2, 0);
        int lateRival = numberIn(2, late + 1);
        List<TrialCurve> lateOthers = List.of(new TrialCurve(6, true, new double[] {0.9, 0.9, 0.9, 0.9}, lateRival));
        for (int epoch = 1; epoch < 9; epoch++) assertEquals(Optional.empty(), pruner.prune(late, epoch, 0.2, lateOthers));
    }

    @Test
    void without_a_trial_number_there_is_no_bracket() {
        assertThrows(UnsupportedOperationException.class, () -> pruner.prune(1, 0.5, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new HyperbandPruner(3, 2, 3, Objective.VAL_ACCURACY));
    }
}
