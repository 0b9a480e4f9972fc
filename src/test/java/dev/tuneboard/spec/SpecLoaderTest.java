package dev.tuneboard.spec;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static dev.tuneboard.spec.SpecRefusals.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecLoaderTest {
    private static final String VALID = """
            name: mnist-mlp
            data: {dir: data/mnist, validation: 10000, train_limit: 0}
            model:
              hidden_layers:
                - units: {int: [64, 1024], log: true}
                - units: {choice: [64, 128, 256, 512]}
              dropout: {uniform: [0.0, 0.5]}
            training:
              learning_rate: {loguniform: [1.0e-4, 3.0e-2]}
              batch_size: {choice: [64, 128, 256]}
              epochs: 10
            search: {algorithm: random, trials: 30, parallelism: 2, seed: 42, time_limit: 45m}
            objective: {metric: val_accuracy, direction: maximize}
            """;

    private final SpecLoader loader = new SpecLoader();

    @Test
    void valid_spec_becomes_an_experiment_with_every_parameter() throws Exception {
        ExperimentSpec spec = loader.parse(VALID, "spec.yaml");
        assertEquals("mnist-mlp", spec.name());
        assertEquals(Path.of("data/mnist"), spec.data().dir());
        assertEquals(new Param.IntRange(64, 1024, true, 1), spec.model().hiddenUnits().get(0));
        assertEquals(new Param.Choice(List.of(64, 128, 256, 512)), spec.model().hiddenUnits().get(1));
        assertEquals(new Param.Uniform(0.0, 0.5), spec.model().dropout());
        assertEquals(new Param.LogUniform(1e-4, 3e-2), spec.training().learningRate());
        assertEquals(new Param.Fixed(10), spec.training().epochs());
        assertEquals(SearchSpec.Algorithm.RANDOM, spec.search().algorithm());
        assertEquals(45 * 60, spec.search().timeLimit().toSeconds());
        assertEquals(List.of("layer1_units", "layer2_units", "dropout", "learning_rate", "batch_size", "epochs"),
                List.copyOf(spec.parameters().keySet()));
        assertEquals(64, spec.specHash().length());
    }

    @Test
    void exponent_without_a_dot_is_read_as_a_number() throws Exception {
        ExperimentSpec spec = loader.parse(VALID.replace("1.0e-4", "1e-4"), "spec.yaml");
        assertEquals(new Param.LogUniform(1e-4, 3e-2), spec.training().learningRate());
    }

    @Test
    void malformed_yaml_names_line_and_column() {
        SpecProblem p = onlyProblem("name: x\nmodel: {hidden_layers: [\n");
        assertTrue(p.line() >= 2, p.toString());
        assertTrue(p.message().startsWith("malformed YAML"), p.toString());
    }

    @Test
    void misspelt_key_is_refused_with_its_line_and_the_keys_expected() {
        SpecProblem p = onlyProblem(VALID.replace("  epochs: 10", "  epoch: 10"));
        assertEquals("training.epoch", p.field());
        assertEquals(11, p.line());
        assertTrue(p.message().contains("unknown key") && p.message().contains("epochs"), p.message());
    }

    @Test
    void wrong_type_says_what_was_expected() {
        SpecProblem p = onlyProblem(VALID.replace("trials: 30", "trials: many"));
        assertEquals("search.trials", p.field());
        assertEquals(12, p.line());
        assertTrue(p.message().contains("whole number") && p.message().contains("many"), p.message());
    }

    @Test
    void reversed_and_empty_ranges_are_refused() {
        SpecProblem reversed = onlyProblem(VALID.replace("{int: [64, 1024], log: true}", "{int: [1024, 64], log: true}"));
        assertEquals("model.hidden_layers[0].units.int", reversed.field());
        assertTrue(reversed.message().contains("reversed"), reversed.message());
        SpecProblem empty = onlyProblem(VALID.replace("{uniform: [0.0, 0.5]}", "{uniform: [0.3, 0.3]}"));
        assertEquals("model.dropout.uniform", empty.field());
        SpecProblem noChoice = onlyProblem(VALID.replace("{choice: [64, 128, 256]}", "{choice: []}"));
        assertEquals("training.batch_size.choice", noChoice.field());
    }

    @Test
    void zero_trials_and_absurd_sizes_are_refused() {
        assertEquals("search.trials", onlyProblem(VALID.replace("trials: 30", "trials: 0")).field());
        assertEquals("search.parallelism", onlyProblem(VALID.replace("parallelism: 2", "parallelism: 65")).field());
        SpecProblem units = onlyProblem(VALID.replace("[64, 1024]", "[64, 100000]"));
        assertEquals("model.hidden_layers[0].units.int", units.field());
        assertTrue(units.message().contains("8192"), units.message());
    }

    @Test
    void several_problems_are_reported_together() {
        SpecException e = assertThrows(SpecException.class, () -> loader.parse(
                VALID.replace("trials: 30", "trials: -1").replace("algorithm: random", "algorithm: bayes"), "s.yaml"));
        assertEquals(2, e.problems().size());
        assertTrue(e.getMessage().contains("s.yaml:12:"), e.getMessage());
    }

    @Test
    void duplicate_keys_and_missing_name_are_refused() {
        assertEquals("name", onlyProblem("name: a\nname: b\n").field());
        assertEquals("name", onlyProblem(VALID.replace("name: mnist-mlp\n", "")).field());
    }

    @Test
    void loss_objective_must_be_minimised() {
        SpecProblem p = onlyProblem(VALID.replace("metric: val_accuracy", "metric: val_loss"));
        assertEquals("objective.direction", p.field());
    }

    @Test
    void pruner_can_be_named_or_configured() throws Exception {
        ExperimentSpec named = loader.parse(VALID.replace("seed: 42,", "seed: 42, pruner: median,"), "s.yaml");
        assertEquals(PrunerSpec.Kind.MEDIAN, named.search().pruner().kind());
        ExperimentSpec asha = loader.parse(VALID.replace("seed: 42,",
                "seed: 42, pruner: {type: asha, min_epochs: 2, reduction_factor: 3},"), "s.yaml");
        assertEquals(new PrunerSpec(PrunerSpec.Kind.ASHA, 1, 5, 2, 3), asha.search().pruner());
    }

    @Test
    void tpe_start_up_trials_are_configurable_and_refused_elsewhere() throws Exception {
        ExperimentSpec tpe = loader.parse(VALID.replace("algorithm: random", "algorithm: tpe")
                .replace("seed: 42,", "seed: 42, startup_trials: 4,"), "s.yaml");
        assertEquals(4, tpe.search().startupTrials());
        assertEquals(4, tpe.withParallelism(1).search().startupTrials());
        assertEquals(SearchSpec.DEFAULT_STARTUP_TRIALS, loader.parse(VALID, "s.yaml").search().startupTrials());
        SpecProblem zero = onlyProblem(VALID.replace("algorithm: random", "algorithm: tpe")
                .replace("seed: 42,", "seed: 42, startup_trials: 0,"));
        assertEquals("search.startup_trials", zero.field());
        SpecProblem random = onlyProblem(VALID.replace("seed: 42,", "seed: 42, startup_trials: 4,"));
        assertEquals("search.startup_trials", random.field());
        assertTrue(random.message().contains("only TPE"), random.message());
    }

    @Test
    void missing_file_is_a_spec_problem() {
        SpecException e = assertThrows(SpecException.class, () -> loader.load(Path.of("no/such/spec.yaml")));
        assertTrue(e.getMessage().contains("file not found"));
    }

    @Test
    void fixed_values_and_defaults_fill_the_rest() throws Exception {
        ExperimentSpec spec = loader.parse("name: tiny\n", "s.yaml");
        assertEquals(2, spec.model().hiddenUnits().size());
        assertInstanceOf(Param.Fixed.class, spec.training().learningRate());
        assertEquals(dev.tuneboard.trial.Objective.Direction.MAXIMIZE, spec.objective().direction());
    }
}
