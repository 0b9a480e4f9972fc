package dev.tuneboard.spec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmentationSpecTest {
    private static final String SPEC = """
            name: aug
            training:
              epochs: 2
            AUGMENTATION
            """;

    private final SpecLoader loader = new SpecLoader();

    private ExperimentSpec parse(String augmentation) throws SpecException {
        return loader.parse(SPEC.replace("AUGMENTATION", augmentation), "spec.yaml");
    }

    private SpecProblem onlyProblem(String augmentation) {
        return SpecRefusals.onlyProblem(() -> parse(augmentation));
    }

    @Test
    void without_augmentation_the_space_is_as_before() throws Exception {
        ExperimentSpec spec = parse("");
        assertSame(AugmentationSpec.NONE, spec.training().augmentation());
        assertEquals(List.of("layer1_units", "layer2_units", "dropout", "learning_rate", "batch_size", "epochs"),
                List.copyOf(spec.parameters().keySet()));
    }

    @Test
    void every_part_is_a_parameter_fixed_or_searched() throws Exception {
        ExperimentSpec spec = parse("""
                  augmentation:
                    shift: {choice: [0, 1, 2]}
                    rotate: 10
                    scale: {uniform: [0.0, 0.15]}
                    elastic: {alpha: 34, sigma: {choice: [4, 6]}}
                """);
        AugmentationSpec a = spec.training().augmentation();
        assertEquals(new Param.Choice(List.of(0, 1, 2)), a.shift());
        assertEquals(new Param.Fixed(10.0), a.rotate());
        assertEquals(new Param.Uniform(0.0, 0.15), a.scale());
        assertEquals(new Param.Fixed(34.0), a.elasticAlpha());
        assertEquals(new Param.Choice(List.of(4.0, 6.0)), a.elasticSigma());
        assertEquals(List.of("layer1_units", "layer2_units", "dropout", "learning_rate", "batch_size", "epochs",
                        "aug_shift", "aug_rotate", "aug_scale", "aug_elastic_alpha", "aug_elastic_sigma"),
                List.copyOf(spec.parameters().keySet()));
    }

    @Test
    void parts_left_out_are_not_parameters_and_elastic_takes_simards_values() throws Exception {
        AugmentationSpec a = parse("  augmentation: {shift: 2, elastic: {}}").training().augmentation();
        assertEquals(new Param.Fixed(2), a.shift());
        assertEquals(null, a.rotate());
        assertEquals(new Param.Fixed(34.0), a.elasticAlpha());
        assertEquals(new Param.Fixed(4.0), a.elasticSigma());
        assertEquals(List.of("aug_shift", "aug_elastic_alpha", "aug_elastic_sigma"), List.copyOf(a.parameters().keySet()));
    }

    @Test
    void out_of_range_values_name_file_line_and_field() {
        SpecProblem p = onlyProblem("  augmentation: {rotate: 90}");
        assertEquals("training.augmentation.rotate", p.field());
        assertEquals(4, p.line());
        assertTrue(p.message().contains("[0, 45]"), p.message());

        assertEquals("training.augmentation.shift", onlyProblem("  augmentation: {shift: 1.5}").field());
        assertEquals("training.augmentation.elastic.sigma",
                onlyProblem("  augmentation: {elastic: {alpha: 34, sigma: 0.1}}").field());
        assertEquals("training.augmentation.flip", onlyProblem("  augmentation: {flip: true}").field());
        assertEquals("training.augmentation.elastic", onlyProblem("  augmentation: {elastic: 34}").field());
        assertEquals("training.augmentation", onlyProblem("  augmentation: yes").field());
    }
}
