package dev.tuneboard.web;

import dev.tuneboard.trial.TrialPoint;
import dev.tuneboard.trial.TrialStatus;
import dev.tuneboard.web.dto.ExperimentDetail.Importance;
import dev.tuneboard.web.dto.ExperimentDetail.Parallel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10's richer space in the importance chart: an unordered category is scored by how well its groups separate
 * the objective, whatever order its vocabulary lists the options in; units of a layer a trial did not build do not
 * count towards that layer's score.
 */
class ImportanceTest {
    private static final List<String> ACTIVATIONS = List.of("relu", "elu", "gelu", "leaky_relu");
    /** The objective each activation gives: not monotonic in the vocabulary's order. */
    private static final double[] BY_ACTIVATION = {0.90, 0.97, 0.93, 0.95};
    private static final ParamKinds CATEGORICAL = new ParamKinds(Set.of("activation"), null, Map.of());

    @Test
    void aCategoryScoresTheSameInAnyVocabularyOrderAndNearOneWhenItDecidesTheObjective() {
        Importance given = Aggregates.importance(activationTrials(i -> i), CATEGORICAL);
        Importance.Entry activation = entry(given, "activation");
        assertEquals("eta", activation.measure());
        assertEquals(20, activation.trials());
        // Within-group noise is far smaller than the gaps between groups: the option alone orders the results
        // but for ties inside a group (eta^2 = 1 - 2 / 33.25 on ranks).
        assertTrue(activation.score() > 0.95, activation.toString());

        // |rho| cannot tell a reversed vocabulary apart, an arbitrary reordering it can; eta neither.
        List<String> reordered = List.of("gelu", "relu", "leaky_relu", "elu");
        for (IntUnaryOperator order : List.<IntUnaryOperator>of(i -> ACTIVATIONS.size() - 1 - i,
                i -> reordered.indexOf(ACTIVATIONS.get(i)))) {
            Importance.Entry again = entry(Aggregates.importance(activationTrials(order), CATEGORICAL), "activation");
            assertEquals(activation.score(), again.score(), 1e-12);
        }

        Importance.Entry exact = entry(Aggregates.importance(activationTrials(i -> i, 0), CATEGORICAL), "activation");
        assertEquals(1.0, exact.score(), 1e-12, "categories that fully determine the objective");

        // A numeric choice stays ordinal.
        Importance.Entry batch = entry(given, "batch_size");
        assertEquals("spearman", batch.measure());
    }

    @Test
    void unitsOfALayerATrialDidNotBuildDoNotCount() {
        ParamKinds layers = new ParamKinds(Set.of(), "layers", Map.of("layer1_units", 1, "layer2_units", 2, "layer3_units", 3));
        Importance.Entry first = entry(Aggregates.importance(layerTrials(1), layers), "layer3_units");
        Importance.Entry second = entry(Aggregates.importance(layerTrials(2), layers), "layer3_units");
        assertEquals(10, first.trials(), "only the trials with 3 layers");
        assertEquals(1.0, first.score(), 1e-12, "over the trials that built it, layer 3's units order the objective");
        assertEquals(first.score(), second.score(), 1e-12, "junk units of unbuilt layers change nothing");
        Importance.Entry layer2 = entry(Aggregates.importance(layerTrials(1), layers), "layer2_units");
        assertEquals(20, layer2.trials(), "every trial built layer 2");
        // Without the spec's kinds every trial counts, and the junk shows.
        assertNotEquals(entry(Aggregates.importance(layerTrials(1), ParamKinds.NONE), "layer3_units").score(),
                entry(Aggregates.importance(layerTrials(2), ParamKinds.NONE), "layer3_units").score());
    }

    @Test
    void aboutOneInTwentyUnlinkedParametersScoreAboveChance() {
        Random random = new Random(3);
        int trials = 20;
        int runs = 2000;
        int etaAbove = 0;
        int rhoAbove = 0;
        for (int r = 0; r < runs; r++) {
            double[] option = new double[trials];
            double[] number = new double[trials];
            double[] objective = new double[trials];
            for (int i = 0; i < trials; i++) {
                option[i] = i % 4;              // every option present, as a sampler spreads them
                number[i] = random.nextDouble();
                objective[i] = random.nextDouble();
            }
            if (Aggregates.eta(option, objective) > Aggregates.etaChance(option)) etaAbove++;
            if (Math.abs(Aggregates.spearman(number, objective)) > Aggregates.spearmanChance(trials)) rhoAbove++;
        }
        // 5% expected; the binomial spread over 2,000 runs is about 0.5%.
        assertTrue(etaAbove > 0.03 * runs && etaAbove < 0.07 * runs, etaAbove + " of " + runs);
        assertTrue(rhoAbove > 0.03 * runs && rhoAbove < 0.07 * runs, rhoAbove + " of " + runs);
        // Chance is high on few trials over many options, and a deciding parameter clears it.
        assertTrue(Aggregates.etaChance(new double[] {0, 1, 2, 3, 0, 1, 2, 3}) > 0.8);
        Importance.Entry activation = entry(Aggregates.importance(activationTrials(i -> i), CATEGORICAL), "activation");
        assertTrue(activation.score() > activation.chance(), activation.toString());
    }

    @Test
    void theParallelChartLeavesOutUnitsOfLayersATrialDidNotBuild() {
        ParamKinds layers = new ParamKinds(Set.of(), "layers", Map.of("layer1_units", 1, "layer2_units", 2, "layer3_units", 3));
        List<TrialPoint> trials = layerTrials(1);
        Parallel parallel = Aggregates.parallel(trials, layers);
        int column = parallel.dimensions().indexOf("layer3_units");
        for (int i = 0; i < trials.size(); i++) {
            TrialPoint t = trials.get(i);
            Double shown = parallel.rows().get(i).get(column);
            if (t.params().get("layers").intValue() == 3) assertEquals(t.params().get("layer3_units").doubleValue(), shown);
            else assertNull(shown, "trial " + t.number() + " built 2 layers");
            assertEquals(t.params().get("layer2_units").doubleValue(),
                    parallel.rows().get(i).get(parallel.dimensions().indexOf("layer2_units")));
        }
    }

    private static List<TrialPoint> activationTrials(IntUnaryOperator index) {
        return activationTrials(index, 1e-3);
    }

    /** 5 trials per activation, stored as {@code index(vocabulary position)}; objective = its group's plus noise. */
    private static List<TrialPoint> activationTrials(IntUnaryOperator index, double noise) {
        Random random = new Random(7);
        List<TrialPoint> out = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            int a = n % ACTIVATIONS.size();
            Map<String, Number> params = new LinkedHashMap<>();
            params.put("activation", index.applyAsInt(a));
            params.put("batch_size", List.of(64, 128, 256).get(random.nextInt(3)));
            out.add(point(n + 1, params, BY_ACTIVATION[a] + noise * random.nextDouble()));
        }
        return out;
    }

    /**
     * 20 trials, 2 or 3 layers in turn; with 3 the objective rises with layer 3's units, with 2 it does not depend on
     * them, and their layer3_units are random (from {@code junkSeed}) as the sampler draws them.
     */
    private static List<TrialPoint> layerTrials(long junkSeed) {
        Random same = new Random(11);
        Random junk = new Random(junkSeed);
        List<TrialPoint> out = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            int count = n % 2 == 0 ? 2 : 3;
            Map<String, Number> params = new LinkedHashMap<>();
            params.put("layers", count);
            params.put("layer1_units", 16 + same.nextInt(48));
            params.put("layer2_units", 16 + same.nextInt(48));
            int units3 = count == 3 ? 16 + 4 * n : 16 + junk.nextInt(80);
            params.put("layer3_units", units3);
            double objective = count == 3 ? 0.9 + units3 / 1000.0 : 0.9 + same.nextDouble() / 10;
            out.add(point(n + 1, params, objective));
        }
        return out;
    }

    private static TrialPoint point(int number, Map<String, Number> params, double objective) {
        return new TrialPoint(number, number, TrialStatus.COMPLETED, params, objective, objective, Instant.EPOCH);
    }

    private static Importance.Entry entry(Importance importance, String param) {
        return importance.params().stream().filter(e -> e.param().equals(param)).findFirst().orElseThrow();
    }
}
