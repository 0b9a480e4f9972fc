package dev.tuneboard.spec;

import dev.tuneboard.trial.Constraints;
import dev.tuneboard.trial.Objective;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static dev.tuneboard.spec.SpecRefusals.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** objective limits (max_parameters, max_latency_ms) and a second objective (objectives: [...]). */
class SpecTradeoffsTest {
    private static final String BASE = """
            name: t
            data: {dir: data/mnist, train_limit: 3000, validation: 1000}
            search: {trials: 2}
            """;

    private final SpecLoader loader = new SpecLoader();

    @Test
    void limits_ride_on_the_objective() throws Exception {
        ExperimentSpec spec = loader.parse(BASE + "objective: {metric: val_accuracy, direction: maximize, max_parameters: 500000, "
                + "max_latency_ms: 0.5}\n", "spec.yaml");
        assertEquals(Objective.VAL_ACCURACY, spec.objective());
        assertEquals(new Constraints(500_000L, 0.5), spec.tradeoffs().constraints());
        assertNull(spec.tradeoffs().second());
        // The limits survive a worker's own parallelism.
        assertEquals(spec.tradeoffs(), spec.withParallelism(1).tradeoffs());
        assertEquals(Constraints.NONE, loader.parse(BASE, "spec.yaml").tradeoffs().constraints());
    }

    @Test
    void two_objectives_make_a_front_and_the_first_still_chooses() throws Exception {
        ExperimentSpec spec = loader.parse(BASE + """
                objectives:
                  - {metric: val_accuracy, direction: maximize}
                  - {metric: parameters}
                """, "spec.yaml");
        assertEquals(Objective.VAL_ACCURACY, spec.objective());
        assertEquals(new Objective(Objective.Metric.PARAMETERS, Objective.Direction.MINIMIZE), spec.tradeoffs().second());
        assertTrue(spec.tradeoffs().twoObjectives());
    }

    @Test
    void the_example_in_experiments_is_valid() throws Exception {
        ExperimentSpec spec = loader.load(Path.of("experiments/mnist-pareto.yaml"));
        assertEquals(Objective.Metric.LATENCY_MS, spec.tradeoffs().second().metric());
    }

    @Test
    void bad_limits_and_objectives_say_file_line_column_field() {
        SpecProblem p = onlyProblem(BASE + "objective: {metric: val_accuracy, max_parameters: 1.5}\n");
        assertEquals("spec.yaml:4:51: objective.max_parameters: expected a whole number of weights and biases >= 1, found the number 1.5",
                p.toString());

        p = onlyProblem(BASE + "objective:\n  max_latency_ms: -1\n");
        assertEquals("objective.max_latency_ms", p.field());
        assertEquals(5, p.line());
        assertTrue(p.message().startsWith("expected a positive number of milliseconds"), p.message());

        p = onlyProblem(BASE + "objective: {metric: latency_ms}\n");
        assertEquals("objective.metric", p.field());
        assertTrue(p.message().contains("expected val_accuracy or val_loss") && p.message().contains("objective.max_latency_ms"), p.message());

        p = onlyProblem(BASE + "objectives: [{metric: val_accuracy}]\n");
        assertEquals("objectives", p.field());
        assertTrue(p.message().startsWith("expected a list of two objectives") && p.message().endsWith("found 1 items"), p.message());

        p = onlyProblem(BASE + "objectives: [{metric: latency_ms}, {metric: parameters}]\n");
        assertEquals("objectives[0].metric", p.field());
        assertEquals(4, p.line());

        p = onlyProblem(BASE + "objectives: [{metric: val_accuracy}, {metric: val_loss}]\n");
        assertEquals("objectives[1].metric", p.field());
        assertTrue(p.message().contains("expected latency_ms or parameters"), p.message());

        p = onlyProblem(BASE + "objectives: [{metric: val_accuracy}, {direction: minimize}]\n");
        assertEquals("objectives[1].metric", p.field());
        assertEquals("missing; expected latency_ms or parameters", p.message());

        p = onlyProblem(BASE + "objectives: [{metric: val_accuracy}, {metric: latency_ms, direction: maximize}]\n");
        assertEquals("objectives[1].direction", p.field());
        assertTrue(p.message().startsWith("expected minimize for latency_ms"), p.message());

        p = onlyProblem(BASE + "objectives: [{metric: val_accuracy, max_parameters: 5}, {metric: latency_ms}]\n");
        assertEquals("objectives[0].max_parameters", p.field());
        assertTrue(p.message().startsWith("unknown key"), p.message());

        p = onlyProblem(BASE + "objective: {metric: val_accuracy}\nobjectives: [{metric: val_accuracy}, {metric: latency_ms}]\n");
        assertEquals("objective", p.field());
        assertTrue(p.message().contains("not both"), p.message());
    }
}
