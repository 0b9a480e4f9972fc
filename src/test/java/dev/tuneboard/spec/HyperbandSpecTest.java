package dev.tuneboard.spec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `search.pruner: hyperband`: brackets up to the longest a trial trains, with clear errors when that is no room. */
class HyperbandSpecTest {
    private static final String SPEC = """
            name: hb
            training:
              epochs: EPOCHS
            search: {algorithm: tpe, trials: 20, seed: 1, pruner: PRUNER}
            """;

    private final SpecLoader loader = new SpecLoader();

    private ExperimentSpec parse(String epochs, String pruner) throws SpecException {
        return loader.parse(SPEC.replace("EPOCHS", epochs).replace("PRUNER", pruner), "hb.yaml");
    }

    private SpecProblem onlyProblem(String epochs, String pruner) {
        return SpecRefusals.onlyProblem(() -> parse(epochs, pruner));
    }

    @Test
    void hyperband_reaches_up_to_the_longest_training_by_default() throws Exception {
        assertEquals(new PrunerSpec(PrunerSpec.Kind.HYPERBAND, 1, 5, 1, 3, 9), parse("9", "hyperband").search().pruner());
        assertEquals(new PrunerSpec(PrunerSpec.Kind.HYPERBAND, 1, 5, 2, 2, 12),
                parse("{int: [4, 12]}", "{type: hyperband, min_epochs: 2, reduction_factor: 2}").search().pruner());
        assertEquals(new PrunerSpec(PrunerSpec.Kind.HYPERBAND, 1, 5, 1, 3, 6),
                parse("{choice: [3, 10]}", "{type: hyperband, max_epochs: 6}").search().pruner());
    }

    @Test
    void max_epochs_past_the_longest_training_is_refused_with_its_line() {
        SpecProblem p = onlyProblem("9", "{type: hyperband, max_epochs: 27}");
        assertEquals("search.pruner.max_epochs", p.field());
        assertEquals(4, p.line());
        assertTrue(p.message().contains("at most 9") && p.message().contains("found 27"), p.message());
    }

    @Test
    void a_first_rung_at_the_last_epoch_is_refused() {
        SpecProblem p = onlyProblem("3", "{type: hyperband, min_epochs: 3}");
        assertEquals("search.pruner.min_epochs", p.field());
        assertTrue(p.message().contains("fewer than max_epochs (3)"), p.message());
        assertEquals("search.pruner.min_epochs", onlyProblem("1", "hyperband").field());
    }

    @Test
    void max_epochs_belongs_to_hyperband_only() {
        SpecProblem p = onlyProblem("9", "{type: asha, max_epochs: 9}");
        assertEquals("search.pruner.max_epochs", p.field());
        assertTrue(p.message().contains("only type hyperband"), p.message());
    }

    @Test
    void unknown_pruner_names_list_hyperband() {
        SpecProblem p = onlyProblem("9", "hyperbandd");
        assertTrue(p.message().contains("hyperband"), p.message());
    }
}
