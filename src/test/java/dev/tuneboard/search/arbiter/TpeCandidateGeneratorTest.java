package dev.tuneboard.search.arbiter;

import dev.tuneboard.search.Observation;
import dev.tuneboard.search.Proposal;
import dev.tuneboard.search.Sampler;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.SearchSpec;
import dev.tuneboard.spec.SpecException;
import dev.tuneboard.spec.SpecLoader;
import dev.tuneboard.trial.Objective;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TpeCandidateGeneratorTest {
    private static final int BUDGET = 40;
    private static final int SEEDS = 20;

    private static ExperimentSpec spec(String algorithm, long seed, String objective) {
        return spec(algorithm, seed, objective, "");
    }

    /** {@code extraSearch}: more keys for the search mapping, e.g. {@code ", startup_trials: 4"}. */
    private static ExperimentSpec spec(String algorithm, long seed, String objective, String extraSearch) {
        String yaml = """
                name: t
                data: {dir: data/mnist, validation: 1000, train_limit: 3000}
                model:
                  hidden_layers:
                    - units: {int: [16, 512], log: true}
                    - units: {choice: [32, 64, 128]}
                  dropout: {uniform: [0.0, 0.5]}
                training:
                  learning_rate: {loguniform: [1.0e-4, 1.0e-1]}
                  batch_size: 64
                  epochs: 1
                search: {algorithm: %s, trials: 40, parallelism: 1, seed: %d%s}
                objective: {metric: %s}
                """.formatted(algorithm, seed, extraSearch, objective);
        try {
            return new SpecLoader().parse(yaml, "test.yaml");
        } catch (SpecException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** A cheap bowl with its minimum 0 at units 64, the choice 64, dropout 0.1 and learning rate 10^-2.5. */
    private static double bowl(Map<String, Number> p) {
        double units = Math.log(p.get("layer1_units").doubleValue() / 64.0) / Math.log(512.0 / 16.0);
        double choice = p.get("layer2_units").intValue() == 64 ? 0.0 : 0.3;
        double dropout = (p.get("dropout").doubleValue() - 0.1) / 0.5;
        double lr = (Math.log10(p.get("learning_rate").doubleValue()) + 2.5) / 3.0;
        return units * units + choice + dropout * dropout + lr * lr;
    }

    /** Runs one search sequentially (pending, then tell, as the runner does) and returns the best value seen. */
    private static double bestOf(String algorithm, long seed, String metric, ToDoubleFunction<Map<String, Number>> objective,
                                 boolean minimize) {
        return bestOf(spec(algorithm, seed, metric), objective, minimize, BUDGET);
    }

    private static double bestOf(ExperimentSpec spec, ToDoubleFunction<Map<String, Number>> objective, boolean minimize,
                                 int budget) {
        ArbiterSearchFactory factory = new ArbiterSearchFactory(784, 10);
        ArbiterSpace space = factory.space(spec);
        Sampler sampler = factory.sampler(spec, space, List.of(), 0);
        double best = minimize ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        for (int i = 0; i < budget; i++) {
            Proposal proposal = sampler.next().orElseThrow();
            sampler.pending(proposal);
            double value = objective.applyAsDouble(proposal.params());
            sampler.tell(new Observation(proposal.point(), value));
            best = minimize ? Math.min(best, value) : Math.max(best, value);
        }
        return best;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    @Test
    void tpe_finds_a_lower_minimum_than_random_search_at_equal_budget() {
        double[] tpe = new double[SEEDS];
        double[] random = new double[SEEDS];
        for (int seed = 0; seed < SEEDS; seed++) {
            tpe[seed] = bestOf("tpe", seed, "val_loss", TpeCandidateGeneratorTest::bowl, true);
            random[seed] = bestOf("random", seed, "val_loss", TpeCandidateGeneratorTest::bowl, true);
        }
        double tpeMedian = median(tpe);
        double randomMedian = median(random);
        System.out.printf("minimize: tpe median best %.4f, random %.4f%n", tpeMedian, randomMedian);
        assertTrue(tpeMedian < randomMedian, "tpe " + tpeMedian + " vs random " + randomMedian);
    }

    @Test
    void tpe_finds_a_higher_maximum_than_random_search_when_maximizing() {
        double[] tpe = new double[SEEDS];
        double[] random = new double[SEEDS];
        ToDoubleFunction<Map<String, Number>> accuracy = p -> 1.0 - bowl(p);
        for (int seed = 0; seed < SEEDS; seed++) {
            tpe[seed] = bestOf("tpe", seed, "val_accuracy", accuracy, false);
            random[seed] = bestOf("random", seed, "val_accuracy", accuracy, false);
        }
        double tpeMedian = median(tpe);
        double randomMedian = median(random);
        System.out.printf("maximize: tpe median best %.4f, random %.4f%n", tpeMedian, randomMedian);
        assertTrue(tpeMedian > randomMedian, "tpe " + tpeMedian + " vs random " + randomMedian);
    }

    @Test
    void startup_trials_says_how_many_random_points_come_before_the_model() {
        List<List<Double>> early = proposals(spec("tpe", 3, "val_loss", ", startup_trials: 4"), 6);
        List<List<Double>> usual = proposals(spec("tpe", 3, "val_loss"), 6);
        // The same random start-up points from the same seed; from the fifth on, the model proposes.
        assertEquals(usual.subList(0, 4), early.subList(0, 4));
        assertTrue(!usual.get(4).equals(early.get(4)), "the fifth point should come from the model");
        assertEquals(SearchSpec.DEFAULT_STARTUP_TRIALS, spec("tpe", 3, "val_loss").search().startupTrials());

        // In a budget as short as the 10-minute comparison's (12 trials), fewer start-up points pay off.
        double[] few = new double[SEEDS];
        double[] many = new double[SEEDS];
        for (int seed = 0; seed < SEEDS; seed++) {
            few[seed] = bestOf(spec("tpe", seed, "val_loss", ", startup_trials: 4"), TpeCandidateGeneratorTest::bowl, true, 12);
            many[seed] = bestOf(spec("tpe", seed, "val_loss"), TpeCandidateGeneratorTest::bowl, true, 12);
        }
        System.out.printf("12 trials: startup 4 median best %.4f, startup 10 %.4f%n", median(few), median(many));
        assertTrue(median(few) < median(many), "startup 4 " + median(few) + " vs 10 " + median(many));
    }

    @Test
    void tpe_proposals_stay_inside_the_space() {
        ExperimentSpec spec = spec("tpe", 7, "val_loss");
        ArbiterSearchFactory factory = new ArbiterSearchFactory(784, 10);
        ArbiterSpace space = factory.space(spec);
        Sampler sampler = factory.sampler(spec, space, List.of(), 0);
        for (int i = 0; i < 60; i++) {
            Proposal proposal = sampler.next().orElseThrow();
            double[] point = proposal.point();
            assertEquals(space.dimensions(), point.length);
            for (double u : point) assertTrue(u >= 0.0 && u <= 1.0, "coordinate " + u);

            Map<String, Number> p = proposal.params();
            int units1 = p.get("layer1_units").intValue();
            assertTrue(units1 >= 16 && units1 <= 512, "layer1_units " + units1);
            assertTrue(List.of(32, 64, 128).contains(p.get("layer2_units").intValue()), "layer2_units " + p.get("layer2_units"));
            double dropout = p.get("dropout").doubleValue();
            assertTrue(dropout >= 0.0 && dropout <= 0.5, "dropout " + dropout);
            double lr = p.get("learning_rate").doubleValue();
            assertTrue(lr >= 1e-4 && lr <= 1e-1, "learning_rate " + lr);
            assertEquals(64, p.get("batch_size").intValue());
            assertEquals(1, p.get("epochs").intValue());
            // Every proposal also builds a network, as trials need.
            space.network(point, 1);

            sampler.pending(proposal);
            sampler.tell(new Observation(point, bowl(p)));
        }
    }

    @Test
    void same_seed_and_history_give_the_same_proposals() {
        assertEquals(proposals(3), proposals(3));
        assertTrue(!proposals(3).equals(proposals(4)), "different seeds should differ");
    }

    private static List<List<Double>> proposals(long seed) {
        return proposals(spec("tpe", seed, "val_loss"), 25);
    }

    private static List<List<Double>> proposals(ExperimentSpec spec, int count) {
        ArbiterSearchFactory factory = new ArbiterSearchFactory(784, 10);
        ArbiterSpace space = factory.space(spec);
        Sampler sampler = factory.sampler(spec, space, List.of(), 0);
        List<List<Double>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Proposal proposal = sampler.next().orElseThrow();
            out.add(Arrays.stream(proposal.point()).boxed().toList());
            sampler.tell(new Observation(proposal.point(), bowl(proposal.params())));
        }
        return out;
    }

    @Test
    void a_resumed_tpe_run_learns_from_its_history() {
        ExperimentSpec spec = spec("tpe", 5, "val_loss");
        ArbiterSearchFactory factory = new ArbiterSearchFactory(784, 10);
        ArbiterSpace space = factory.space(spec);
        Sampler first = factory.sampler(spec, space, List.of(), 0);
        List<Observation> history = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            Proposal proposal = first.next().orElseThrow();
            history.add(new Observation(proposal.point(), bowl(proposal.params())));
        }
        // Two resumes from the same history agree with each other.
        Proposal a = factory.sampler(spec, space, history, 15).next().orElseThrow();
        Proposal b = factory.sampler(spec, space, history, 15).next().orElseThrow();
        assertArrayEquals(a.point(), b.point());
    }

    @Test
    void pending_points_are_forgotten_once_their_result_arrives() {
        ExperimentSpec spec = spec("tpe", 11, "val_loss");
        ArbiterSpace space = new ArbiterSearchFactory(784, 10).space(spec);
        TpeCandidateGenerator generator = new TpeCandidateGenerator(space, new Objective(Objective.Metric.VAL_LOSS, Objective.Direction.MINIMIZE), 11,
                SearchSpec.DEFAULT_STARTUP_TRIALS);
        ArbiterSampler sampler = new ArbiterSampler(generator, space);
        List<Proposal> running = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Proposal proposal = sampler.next().orElseThrow();
            sampler.pending(proposal);
            running.add(proposal);
        }
        for (Proposal p : running) sampler.tell(new Observation(p.point(), bowl(p.params())));
        // With nothing pending, a fresh generator with the same seed and history proposes the same point.
        TpeCandidateGenerator fresh = new TpeCandidateGenerator(space, new Objective(Objective.Metric.VAL_LOSS, Objective.Direction.MINIMIZE), 11,
                SearchSpec.DEFAULT_STARTUP_TRIALS);
        ArbiterSampler freshSampler = new ArbiterSampler(fresh, space);
        for (int i = 0; i < 12; i++) freshSampler.next();
        for (Proposal p : running) freshSampler.tell(new Observation(p.point(), bowl(p.params())));
        assertArrayEquals(freshSampler.next().orElseThrow().point(), sampler.next().orElseThrow().point());
    }

    @Test
    void candidates_carry_the_decoded_trial_configuration_and_no_exception() {
        ExperimentSpec spec = spec("tpe", 2, "val_loss");
        ArbiterSpace space = new ArbiterSearchFactory(784, 10).space(spec);
        TpeCandidateGenerator generator = new TpeCandidateGenerator(space, new Objective(Objective.Metric.VAL_LOSS, Objective.Direction.MINIMIZE), 2,
                SearchSpec.DEFAULT_STARTUP_TRIALS);
        for (int i = 0; i < 12; i++) {
            Candidate<?> candidate = generator.getCandidate();
            assertNull(candidate.getException());
            assertEquals(i, candidate.getIndex());
            TrialConfig config = (TrialConfig) candidate.getValue();
            assertEquals(64, config.batchSize());
            double[] point = candidate.getFlatParameters();
            generator.reportResults(new OptimizationResult(candidate, bowl(space.decode(point)), i, null, null, null));
        }
    }

    @Test
    void gamma_takes_the_best_tenth_between_one_and_twenty_five() {
        assertEquals(1, TpeCandidateGenerator.gamma(1));
        assertEquals(1, TpeCandidateGenerator.gamma(10));
        assertEquals(2, TpeCandidateGenerator.gamma(11));
        assertEquals(25, TpeCandidateGenerator.gamma(1000));
    }
}
