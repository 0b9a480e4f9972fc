package dev.tuneboard.search.pruning;

import dev.tuneboard.trial.Objective;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MedianPrunerTest {
    private static final Objective MIN_LOSS = new Objective(Objective.Metric.VAL_LOSS, Objective.Direction.MINIMIZE);


    private static TrialCurve done(long id, double... values) {
        return new TrialCurve(id, true, values);
    }

    private static TrialCurve running(long id, double... values) {
        return new TrialCurve(id, false, values);
    }

    /** Six finished trials whose epoch-2 median is exactly 0.95. */
    private static List<TrialCurve> sixFinished() {
        return List.of(done(1, 0.90, 0.93), done(2, 0.91, 0.94), done(3, 0.92, 0.95),
                done(4, 0.93, 0.95, 0.97), done(5, 0.94, 0.96), done(6, 0.95, 0.97));
    }

    @Test
    void a_trial_below_the_median_is_stopped_with_a_readable_reason() {
        Pruner pruner = new MedianPruner(1, 5, Objective.VAL_ACCURACY);
        assertEquals(Optional.of("median rule: val 0.91 below median 0.95 of 6 trials at epoch 2"),
                pruner.prune(2, 0.91, sixFinished()));
    }

    @Test
    void a_trial_at_or_above_the_median_continues() {
        Pruner pruner = new MedianPruner(1, 5, Objective.VAL_ACCURACY);
        assertEquals(Optional.empty(), pruner.prune(2, 0.95, sixFinished()));
        assertEquals(Optional.empty(), pruner.prune(2, 0.99, sixFinished()));
    }

    @Test
    void nothing_is_pruned_during_warmup() {
        // At epoch 1 the median of the six is 0.925; 0.5 is far below it but epoch 1 is warmup.
        assertEquals(Optional.empty(), new MedianPruner(1, 5, Objective.VAL_ACCURACY).prune(1, 0.5, sixFinished()));
        assertEquals(Optional.empty(), new MedianPruner(2, 5, Objective.VAL_ACCURACY).prune(2, 0.5, sixFinished()));
        assertTrue(new MedianPruner(0, 5, Objective.VAL_ACCURACY).prune(1, 0.5, sixFinished()).isPresent());
    }

    @Test
    void fewer_than_min_trials_finished_trials_at_the_epoch_prune_nothing() {
        List<TrialCurve> others = new ArrayList<>(sixFinished().subList(0, 4));
        // Running trials and trials that stopped before epoch 2 do not count toward minTrials.
        others.add(running(7, 0.99, 0.99));
        others.add(running(8, 0.99, 0.99, 0.99));
        others.add(done(9, 0.99));
        Pruner pruner = new MedianPruner(1, 5, Objective.VAL_ACCURACY);
        assertEquals(Optional.empty(), pruner.prune(2, 0.5, others));

        others.add(done(10, 0.96, 0.96));
        assertEquals(Optional.of("median rule: val 0.5 below median 0.95 of 5 trials at epoch 2"),
                pruner.prune(2, 0.5, others));
    }

    @Test
    void the_median_uses_values_at_the_asking_epoch_only() {
        // Odd count: the middle value at epoch 3 is 0.8, though the same trials reach 0.99 later.
        List<TrialCurve> others = List.of(done(1, 0.5, 0.6, 0.7, 0.99), done(2, 0.5, 0.6, 0.8, 0.99),
                done(3, 0.5, 0.6, 0.9, 0.99));
        Pruner pruner = new MedianPruner(0, 3, Objective.VAL_ACCURACY);
        assertEquals(Optional.empty(), pruner.prune(3, 0.8, others));
        assertTrue(pruner.prune(3, 0.79, others).isPresent());
    }

    @Test
    void when_minimizing_a_loss_above_the_median_is_stopped() {
        List<TrialCurve> losses = List.of(done(1, 1.0, 0.4), done(2, 1.0, 0.5), done(3, 1.0, 0.6));
        Pruner pruner = new MedianPruner(1, 3, MIN_LOSS);
        assertEquals(Optional.of("median rule: val 0.7 above median 0.5 of 3 trials at epoch 2"),
                pruner.prune(2, 0.7, losses));
        assertEquals(Optional.empty(), pruner.prune(2, 0.5, losses));
        assertEquals(Optional.empty(), pruner.prune(2, 0.3, losses));
    }

    @Test
    void a_diverged_trial_is_stopped_once_the_rule_applies() {
        assertTrue(new MedianPruner(1, 5, Objective.VAL_ACCURACY).prune(2, Double.NaN, sixFinished()).isPresent());
        assertEquals(Optional.empty(), new MedianPruner(1, 7, Objective.VAL_ACCURACY).prune(2, Double.NaN, sixFinished()));
    }
}
