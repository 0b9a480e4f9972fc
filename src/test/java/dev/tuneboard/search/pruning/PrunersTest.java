package dev.tuneboard.search.pruning;

import dev.tuneboard.spec.PrunerSpec;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PrunersTest {

    @Test
    void each_spec_kind_builds_its_pruner_with_the_spec_settings() {
        assertEquals(new NoPruner(), Pruners.of(PrunerSpec.none(), true));
        assertEquals(new MedianPruner(2, 4, false),
                Pruners.of(new PrunerSpec(PrunerSpec.Kind.MEDIAN, 2, 4, 1, 3), false));
        assertEquals(new AshaPruner(2, 4, true),
                Pruners.of(new PrunerSpec(PrunerSpec.Kind.ASHA, 1, 5, 2, 4), true));
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
