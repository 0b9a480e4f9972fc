package dev.tuneboard.spec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tuneboard.spec.SpecRefusals.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 10's optional keys: layer count, activation, max-norm, schedule, warm-up, weight decay, early stopping. */
class RicherSpaceSpecTest {
    private static final String RICH = """
            name: rich
            model:
              hidden_layers: {count: {int: [1, 3]}, units: {int: [256, 2048], log: true}}
              activation: {choice: [relu, gelu]}
              dropout: {uniform: [0.2, 0.5]}
              max_norm: {uniform: [2.0, 4.0]}
            training:
              learning_rate: {loguniform: [3.0e-4, 3.0e-3]}
              lr_schedule: {type: {choice: [step, cosine]}, every_epochs: 4, gamma: {uniform: [0.3, 0.7]}}
              warmup_epochs: 1
              weight_decay: {loguniform: [1.0e-5, 1.0e-2]}
              early_stopping: {patience: 4, min_delta: 0.0005}
              batch_size: 128
              epochs: 20
            """;

    private final SpecLoader loader = new SpecLoader();

    @Test
    void every_new_key_becomes_a_parameter_in_display_order() throws Exception {
        ExperimentSpec spec = loader.parse(RICH, "rich.yaml");
        assertEquals(List.of("layers", "layer1_units", "layer2_units", "layer3_units", "activation", "dropout", "max_norm",
                "learning_rate", "lr_schedule", "lr_step_epochs", "lr_gamma", "warmup_epochs", "weight_decay", "batch_size", "epochs"),
                List.copyOf(spec.parameters().keySet()));
        assertEquals(new Param.IntRange(1, 3, false, 1), spec.model().layers());
        assertEquals(new Param.IntRange(256, 2048, true, 1), spec.model().hiddenUnits().get(2));
        assertEquals(new Param.Named(ModelSpec.ACTIVATIONS, List.of("relu", "gelu")), spec.model().activation());
        assertEquals("choice[step, cosine]", spec.training().lrSchedule().describe());
        assertEquals(new Param.Fixed(4), spec.training().lrStepEpochs());
        assertEquals(new TrainingSpec.EarlyStopping(4, 0.0005), spec.training().earlyStopping());
        assertEquals(List.of("activation", "lr_schedule"), List.copyOf(spec.categories().keySet()));
        assertEquals(ModelSpec.ACTIVATIONS, spec.categories().get("activation"));
    }

    @Test
    void a_spec_without_the_new_keys_has_none_of_their_parameters() throws Exception {
        ExperimentSpec spec = loader.parse("name: plain\n", "plain.yaml");
        assertEquals(List.of("layer1_units", "layer2_units", "dropout", "learning_rate", "batch_size", "epochs"),
                List.copyOf(spec.parameters().keySet()));
        assertNull(spec.model().activation());
        assertNull(spec.training().earlyStopping());
    }

    @Test
    void plain_names_are_fixed_values() throws Exception {
        ExperimentSpec spec = loader.parse("name: n\nmodel: {activation: elu}\ntraining: {lr_schedule: cosine}\n", "n.yaml");
        assertEquals("elu", spec.model().activation().describe());
        assertEquals("cosine", spec.training().lrSchedule().describe());
        assertNull(spec.training().lrGamma());
    }

    @Test
    void unknown_activation_names_the_options_with_line_and_column() {
        SpecProblem p = onlyProblem(RICH.replace("[relu, gelu]", "[relu, swish]"));
        assertEquals("model.activation.choice", p.field());
        assertEquals(4, p.line());
        assertTrue(p.column() > 1, p.toString());
        assertTrue(p.message().contains("[relu, leaky_relu, elu, gelu]") && p.message().contains("swish"), p.message());
    }

    @Test
    void layer_count_outside_the_limit_is_refused() {
        SpecProblem p = onlyProblem(RICH.replace("count: {int: [1, 3]}", "count: {int: [0, 3]}"));
        assertEquals("model.hidden_layers.count.int", p.field());
        assertEquals(3, p.line());
        assertTrue(p.message().contains("[1, 16]"), p.message());
    }

    @Test
    void depth_mapping_needs_units() {
        SpecProblem p = onlyProblem(RICH.replace(", units: {int: [256, 2048], log: true}", ""));
        assertEquals("model.hidden_layers.units", p.field());
        assertTrue(p.message().startsWith("missing"), p.message());
    }

    @Test
    void unknown_schedule_is_refused() {
        SpecProblem p = onlyProblem("name: n\ntraining:\n  lr_schedule: linear\n");
        assertEquals("training.lr_schedule", p.field());
        assertEquals(3, p.line());
        assertTrue(p.message().contains("[none, step, exponential, cosine]") && p.message().contains("'linear'"), p.message());
    }

    @Test
    void gamma_only_with_a_schedule_that_has_one() {
        SpecProblem p = onlyProblem("name: n\ntraining:\n  lr_schedule: {type: cosine, gamma: 0.5}\n");
        assertEquals("training.lr_schedule.gamma", p.field());
        assertTrue(p.message().contains("only step and exponential"), p.message());
    }

    @Test
    void warmup_must_leave_epochs_to_train() {
        SpecProblem p = onlyProblem(RICH.replace("warmup_epochs: 1", "warmup_epochs: 20"));
        assertEquals("training.warmup_epochs", p.field());
        assertEquals(10, p.line());
        assertTrue(p.message().contains("fewer warm-up epochs"), p.message());
    }

    @Test
    void weight_decay_out_of_range_and_bad_max_norm_are_both_reported() {
        SpecException e = assertThrows(SpecException.class, () -> loader.parse(RICH
                .replace("weight_decay: {loguniform: [1.0e-5, 1.0e-2]}", "weight_decay: 2")
                .replace("max_norm: {uniform: [2.0, 4.0]}", "max_norm: big"), "rich.yaml"));
        assertEquals(List.of("model.max_norm", "training.weight_decay"), e.problems().stream().map(SpecProblem::field).toList());
        assertTrue(e.problems().get(1).message().contains("[0, 1]"), e.problems().toString());
    }

    @Test
    void early_stopping_needs_a_patience() {
        SpecProblem p = onlyProblem(RICH.replace("{patience: 4, min_delta: 0.0005}", "{min_delta: 0.0005}"));
        assertEquals("training.early_stopping.patience", p.field());
        assertEquals(12, p.line());
        SpecProblem q = onlyProblem(RICH.replace("patience: 4,", "patience: 0,"));
        assertEquals("training.early_stopping.patience", q.field());
        assertTrue(q.message().contains("[1, 1000]"), q.message());
    }
}
