package dev.tuneboard.run;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.data.Splits;
import dev.tuneboard.search.arbiter.ArbiterSearchFactory;
import dev.tuneboard.search.pruning.HyperbandPruner;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.SpecLoader;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.ExperimentStatus;
import dev.tuneboard.train.Trainer;
import dev.tuneboard.train.TrialTrainer;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every algorithm does what its name says, seen through the path a real run takes: two worker threads claim
 * trials from a real H2 store, the sampler rebuilt from the store at every claim. Most tests use
 * {@link ParamFunctionTrainer} (a deterministic function of the hyperparameters, not training): they check the
 * search, not training. The genetic one also runs with real training on a slice of MNIST.
 */
class SearchThroughClaimsTest {
    static final String SPEC = """
            name: NAME
            data: {dir: data/mnist, train_limit: 1000, validation: 200, test_limit: 200}
            model:
              hidden_layers:
                - units: {int: [16, 512], log: true}
              dropout: {uniform: [0.0, 0.5]}
            training:
              learning_rate: {loguniform: [1.0e-4, 1.0e-2]}
              batch_size: {choice: [32, 64]}
              epochs: EPOCHS
            search: {algorithm: ALGO, trials: TRIALS, parallelism: 2, seed: 5 EXTRA}
            """;

    @TempDir
    static Path dir;
    static Tuneboard app;
    static Splits data;

    @BeforeAll
    static void open() throws Exception {
        app = new Tuneboard(dir, null);
        data = new DigitDataLoader(new IdxReader()).load(Path.of("data/mnist"), 200, 1000, 200, 5);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    static String yaml(String name, String algorithm, int trials, int epochs, String extra) {
        return SPEC.replace("NAME", name).replace("ALGO", algorithm).replace("TRIALS", String.valueOf(trials))
                .replace("EPOCHS", String.valueOf(epochs)).replace(" EXTRA", extra.isEmpty() ? "" : ", " + extra);
    }

    static ExperimentSpec spec(String name, String algorithm, int trials, int epochs, String extra) throws Exception {
        return new SpecLoader().parse(yaml(name, algorithm, trials, epochs, extra), name + ".yaml");
    }

    /** Runs the spec with two workers through the store; every attempt, by trial number. */
    static List<TrialRecord> run(ExperimentSpec spec, Trainer trainer) throws Exception {
        ExperimentRunner runner = new ExperimentRunner(app.store(), new ArbiterSearchFactory(784, 10), trainer,
                Clock.systemUTC(), "search-test");
        ExperimentRecord e = runner.prepare(spec, data.dataHash());
        RunReport report = runner.run(spec, e, data, RunListener.SILENT, new StopSignal());
        assertEquals(ExperimentStatus.COMPLETED, report.status(), report.toString());
        List<TrialRecord> all = new ArrayList<>(app.store().all(e.id()));
        all.sort(Comparator.comparingInt(TrialRecord::number));
        return all;
    }

    static void allDistinctAndInBounds(List<TrialRecord> trials, int expected) {
        assertEquals(expected, trials.size(), "one attempt per trial: " + trials);
        Set<List<Double>> points = new HashSet<>();
        Set<Map<String, Number>> params = new HashSet<>();
        for (TrialRecord t : trials) {
            assertTrue(t.status() == TrialStatus.COMPLETED || t.status() == TrialStatus.PRUNED, t.toString());
            for (double v : t.point()) assertTrue(v >= 0 && v <= 1, "point in the unit cube: " + t);
            int units = t.params().get("layer1_units").intValue();
            double lr = t.params().get("learning_rate").doubleValue();
            double dropout = t.params().get("dropout").doubleValue();
            int batch = t.params().get("batch_size").intValue();
            assertTrue(units >= 16 && units <= 512, "units in [16, 512]: " + t.params());
            assertTrue(lr >= 1e-4 && lr <= 1e-2, "learning rate in [1e-4, 1e-2]: " + t.params());
            assertTrue(dropout >= 0 && dropout <= 0.5, "dropout in [0, 0.5]: " + t.params());
            assertTrue(batch == 32 || batch == 64, "batch size one of the choices: " + t.params());
            points.add(Arrays.stream(t.point()).boxed().toList());
            params.add(t.params());
        }
        assertEquals(trials.size(), points.size(), "every trial a distinct point: " + trials.stream().map(TrialRecord::params).toList());
        assertEquals(trials.size(), params.size(), "every trial distinct hyperparameters");
    }

    @ParameterizedTest(name = "{0}: {1} trials")
    @CsvSource({"random, 24", "tpe, 30", "genetic, 30"})
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void proposes_distinct_points_in_bounds(String algorithm, int trials) throws Exception {
        allDistinctAndInBounds(run(spec(algorithm, algorithm, trials, 2, ""), new ParamFunctionTrainer()), trials);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void tpe_with_hyperband_proposes_distinct_points_and_prunes_only_at_each_trials_bracket_rungs() throws Exception {
        List<TrialRecord> trials = run(spec("hyperband", "tpe", 30, 9, "pruner: {type: hyperband, min_epochs: 1, reduction_factor: 3}"),
                new ParamFunctionTrainer());
        allDistinctAndInBounds(trials, 30);
        HyperbandPruner rule = new HyperbandPruner(1, 9, 3, Objective.VAL_ACCURACY);
        int pruned = 0;
        Set<Integer> bracketsUsed = new HashSet<>();
        for (TrialRecord t : trials) {
            int bracket = rule.bracketOf(t.number());
            bracketsUsed.add(bracket);
            if (t.status() == TrialStatus.PRUNED) {
                pruned++;
                int epochs = t.epochsDone();
                Set<Integer> rungs = bracket == 0 ? Set.of(1, 3) : Set.of(3);
                assertTrue(rungs.contains(epochs), "bracket " + bracket + " prunes at " + rungs + " only: " + t);
                assertTrue(t.stopReason().startsWith("hyperband bracket " + (bracket + 1) + " of 3"), t.stopReason());
            } else {
                assertEquals(9, t.epochsDone(), t.toString());
            }
            if (bracket == 2) assertEquals(TrialStatus.COMPLETED, t.status(), "the last bracket runs every trial to the end");
        }
        assertEquals(Set.of(0, 1, 2), bracketsUsed);
        assertTrue(pruned >= 10, pruned + " of 30 pruned");
    }

    /**
     * The report: genetic on a real (small) run trained 8 identical trials. Population 4 for 8 trials, so
     * trials 5 to 7 (claimed when at least 4 had finished) are children.
     */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void genetic_with_real_training_proposes_distinct_points_and_breeds_from_the_best() throws Exception {
        List<TrialRecord> trials = run(spec("genetic-real", "genetic", 8, 1, ""), new TrialTrainer());
        allDistinctAndInBounds(trials, 8);
        everyTrialFromDescendsFromTheBest(trials, 4, 5);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void genetic_later_generations_descend_from_the_best_earlier_trials_and_improve() throws Exception {
        List<TrialRecord> trials = run(spec("genetic-descent", "genetic", 40, 2, ""), new ParamFunctionTrainer());
        allDistinctAndInBounds(trials, 40);
        int population = 10;   // a quarter of the 40-trial budget
        everyTrialFromDescendsFromTheBest(trials, population, population + 1);
        double firstGeneration = trials.subList(0, population).stream().mapToDouble(TrialRecord::objective).average().orElseThrow();
        double lastTen = trials.subList(30, 40).stream().mapToDouble(TrialRecord::objective).average().orElseThrow();
        assertTrue(lastTen > firstGeneration + 0.02, "bred trials are better on average: generation 0 "
                + firstGeneration + ", trials 30-39 " + lastTen);
    }

    /**
     * Each trial numbered {@code from} or more is a child: every coordinate of its point but at most one (the
     * mutation) is one of its two parents' coordinates, and both parents are among the best {@code population}
     * trials that had finished when it was claimed (one more allowed: the other worker's trial may finish between
     * the sampler's read and the claim's insert). A fresh random point differs from every pair in all coordinates.
     */
    static void everyTrialFromDescendsFromTheBest(List<TrialRecord> trials, int population, int from) {
        for (TrialRecord child : trials) {
            if (child.number() < from) continue;
            List<TrialRecord> elite = trials.stream()
                    .filter(t -> t.finishedAt() != null && !t.finishedAt().isAfter(child.startedAt()))
                    .sorted(Comparator.comparingDouble(TrialRecord::objective).reversed())
                    .limit(population + 1)
                    .toList();
            double[] c = child.point();
            boolean descends = false;
            for (TrialRecord a : elite) {
                for (TrialRecord b : elite) {
                    if (a == b) continue;
                    double[] x = a.point();
                    double[] y = b.point();
                    int fromNeither = 0;
                    for (int d = 0; d < c.length; d++) if (c[d] != x[d] && c[d] != y[d]) fromNeither++;
                    if (fromNeither <= 1) descends = true;
                }
            }
            assertTrue(descends, "trial " + child.number() + " " + Arrays.toString(c) + " is a child of two of the best "
                    + "earlier trials " + elite.stream().map(t -> t.number() + ":" + Arrays.toString(t.point())).toList());
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void grid_covers_its_grid_exactly_once() throws Exception {
        String yaml = yaml("grid", "grid", 40, 1, "grid_points: 3").replace("{int: [16, 512], log: true}", "{choice: [32, 128]}");
        ExperimentSpec spec = new SpecLoader().parse(yaml, "grid.yaml");
        // 2 unit choices x 3 dropout values x 3 learning rates x 2 batch sizes.
        assertEquals(36, spec.gridSize());
        List<TrialRecord> trials = run(spec, new ParamFunctionTrainer());
        assertEquals(36, trials.size(), "the grid's 36 points and no more, though the budget is 40");
        Set<List<Double>> cells = new HashSet<>();
        Set<Number> units = new HashSet<>();
        Set<Number> dropouts = new HashSet<>();
        Set<Number> rates = new HashSet<>();
        Set<Number> batches = new HashSet<>();
        for (TrialRecord t : trials) {
            Map<String, Number> p = t.params();
            cells.add(List.of(p.get("layer1_units").doubleValue(), p.get("dropout").doubleValue(),
                    p.get("learning_rate").doubleValue(), p.get("batch_size").doubleValue()));
            units.add(p.get("layer1_units"));
            dropouts.add(p.get("dropout"));
            rates.add(p.get("learning_rate"));
            batches.add(p.get("batch_size"));
        }
        assertEquals(36, cells.size(), "each grid point once");
        assertEquals(Set.of(32, 128), units);
        assertEquals(Set.of(32, 64), batches);
        assertEquals(3, dropouts.size(), dropouts.toString());
        assertEquals(3, rates.size(), rates.toString());
    }
}
