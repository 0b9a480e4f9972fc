package dev.tuneboard.search.arbiter;

import dev.tuneboard.search.Observation;
import dev.tuneboard.search.ObservationOrder;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.SpecLoader;
import dev.tuneboard.trial.Objective;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TPE learns from pruned trials' intermediate values, as Optuna's does: a pruned trial counts with its last
 * value, below every completed trial, and among pruned trials those that reached a later rung rank first.
 * Samplers are built as the runner builds them at each claim: from the history, for one trial number.
 */
class TpePrunedTrialsTest {
    /** learning_rate spans 1e-4..1e-1 on a log scale; the "bad" region is its top third, above 1e-2. */
    static final double BAD_ABOVE = 1e-2;

    private final ExperimentSpec spec = parse();
    private final ArbiterSearchFactory factory = new ArbiterSearchFactory(784, 10);
    private final ArbiterSpace space = factory.space(spec);

    private static ExperimentSpec parse() {
        try {
            return new SpecLoader().parse("""
                    name: pruned-tpe
                    data: {dir: data/mnist, validation: 1000, train_limit: 3000}
                    model:
                      hidden_layers:
                        - units: {int: [16, 512], log: true}
                      dropout: {uniform: [0.0, 0.5]}
                    training:
                      learning_rate: {loguniform: [1.0e-4, 1.0e-1]}
                      batch_size: 64
                      epochs: 9
                    search: {algorithm: tpe, trials: 300, parallelism: 2, seed: 3}
                    """, "pruned-tpe.yaml");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** {@code count} random points whose learning rate lies in the bad region, or outside it. */
    private List<double[]> points(Random random, int count, boolean bad) {
        List<double[]> out = new ArrayList<>();
        while (out.size() < count) {
            double[] p = new double[space.dimensions()];
            for (int d = 0; d < p.length; d++) p[d] = random.nextDouble();
            if (isBad(p) == bad) out.add(p);
        }
        return out;
    }

    private boolean isBad(double[] point) {
        return space.decode(point).get("learning_rate").doubleValue() > BAD_ABOVE;
    }

    /** Share of the proposals for trial numbers 0..59 (a fresh sampler each, as at every claim) in the bad region. */
    private double badShare(List<Observation> history) {
        int bad = 0;
        for (int number = 0; number < 60; number++) {
            double[] point = factory.sampler(spec, space, history, number).next().orElseThrow().point();
            if (isBad(point)) bad++;
        }
        return bad / 60.0;
    }

    private static List<Observation> map(List<double[]> points, Function<double[], Observation> f) {
        return points.stream().map(f).toList();
    }

    @Test
    void pruned_trials_in_a_region_steer_proposals_away_from_it() {
        Random random = new Random(1);
        // Completed trials only outside the bad region, all about equally good: alone they say nothing about it.
        List<Observation> completed = map(points(random, 12, false), p -> new Observation(p, 0.95 + 0.01 * random.nextDouble()));
        List<Observation> withPruned = new ArrayList<>(completed);
        withPruned.addAll(map(points(random, 24, true), p -> new Observation(p, 0.3, 1, true)));

        double without = badShare(completed);
        double with = badShare(withPruned);
        System.out.printf("proposals with learning rate > 1e-2: %.1f%% without the pruned trials, %.1f%% with them%n",
                100 * without, 100 * with);
        assertTrue(with < 0.05, "pruned trials mark the region bad: " + with);
        assertTrue(with < without / 3, "fewer proposals there than without them: " + with + " vs " + without);
    }

    @Test
    void a_pruned_trials_early_value_never_passes_for_a_good_one() {
        Random random = new Random(2);
        // Pruned at the first rung with an early value above every completed trial's final one: still below them.
        List<Observation> history = new ArrayList<>(
                map(points(random, 12, false), p -> new Observation(p, 0.90 + 0.01 * random.nextDouble())));
        history.addAll(map(points(random, 24, true), p -> new Observation(p, 0.97, 1, true)));
        double share = badShare(history);
        assertTrue(share < 0.05, "proposals stay with the completed trials: " + share);
    }

    @Test
    void among_pruned_trials_those_that_reached_a_later_rung_are_better() {
        Random random = new Random(3);
        // Every trial pruned; those outside the bad region got to rung 3 with a lower value than the bad ones at rung 1.
        List<Observation> history = new ArrayList<>(map(points(random, 20, false), p -> new Observation(p, 0.80, 3, true)));
        history.addAll(map(points(random, 20, true), p -> new Observation(p, 0.85, 1, true)));
        double share = badShare(history);
        assertTrue(share < 0.05, "proposals follow the trials that went further: " + share);
    }

    @Test
    void observation_order_completed_by_value_then_pruned_by_rung_then_value_then_failed() {
        double[] x = {0.5};
        Observation best = new Observation(x, 0.95);
        Observation completed = new Observation(x, 0.90);
        Observation lateRung = new Observation(x, 0.80, 3, true);
        Observation earlyRungGood = new Observation(x, 0.99, 1, true);
        Observation earlyRungBad = new Observation(x, 0.50, 1, true);
        Observation failed = new Observation(x, null);
        List<Observation> sorted = new ArrayList<>(List.of(failed, earlyRungBad, lateRung, earlyRungGood, completed, best));
        sorted.sort(new ObservationOrder(Objective.VAL_ACCURACY));
        assertEquals(List.of(best, completed, lateRung, earlyRungGood, earlyRungBad, failed), sorted);

        List<Observation> losses = new ArrayList<>(List.of(new Observation(x, 0.9, 1, true), new Observation(x, 0.2),
                new Observation(x, 0.1)));
        losses.sort(new ObservationOrder(new Objective(Objective.Metric.VAL_LOSS, Objective.Direction.MINIMIZE)));
        assertEquals(List.of(0.1, 0.2, 0.9), losses.stream().map(Observation::objective).toList());
    }
}
