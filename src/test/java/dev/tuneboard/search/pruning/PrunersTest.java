package dev.tuneboard.search.pruning;

import dev.tuneboard.spec.PrunerSpec;
import dev.tuneboard.trial.Objective;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PrunersTest {
    private static final Objective MIN_LOSS = new Objective(Objective.Metric.VAL_LOSS, Objective.Direction.MINIMIZE);


    @Test
    void each_spec_kind_builds_its_pruner_with_the_spec_settings() {
        assertEquals(new NoPruner(), Pruners.of(PrunerSpec.none(), Objective.VAL_ACCURACY));
        assertEquals(new MedianPruner(2, 4, MIN_LOSS),
                Pruners.of(new PrunerSpec(PrunerSpec.Kind.MEDIAN, 2, 4, 1, 3), MIN_LOSS));
        assertEquals(new AshaPruner(2, 4, Objective.VAL_ACCURACY),
                Pruners.of(new PrunerSpec(PrunerSpec.Kind.ASHA, 1, 5, 2, 4), Objective.VAL_ACCURACY));
    }

    @Test
    void trial_curves_copy_their_values_in_and_out() {
        double[] values = {0.5, 0.6};
        TrialCurve curve = new TrialCurve(1, false, values);
        values[0] = 0;
        curve.values()[1] = 0;
        assertArrayEquals(new double[] {0.5, 0.6}, curve.values());
        assertEquals(new TrialCurve(1, false, new double[] {0.5, 0.6}), curve);
    }
}
