package dev.tuneboard.search.arbiter;

import dev.tuneboard.search.Observation;
import dev.tuneboard.search.Proposal;
import dev.tuneboard.search.Sampler;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.SpecLoader;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArbiterSpaceTest {
    private static final String SPEC = """
            name: space
            model:
              hidden_layers:
                - units: {int: [64, 1024], log: true}
                - units: {choice: [64, 128, 256]}
                - units: {int: [32, 96], step: 32}
              dropout: {uniform: [0.1, 0.5]}
            training:
              learning_rate: {loguniform: [1.0e-4, 3.0e-2]}
              batch_size: {choice: [64, 128]}
              epochs: {int: [1, 3]}
            search: {algorithm: ALGO, trials: 60, parallelism: 2, seed: 5, grid_points: 2}
            """;

    private static ExperimentSpec spec(String algorithm) throws Exception {
        return new SpecLoader().parse(SPEC.replace("ALGO", algorithm), "space.yaml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"random", "grid", "genetic", "tpe"})
    void every_proposal_stays_inside_the_space(String algorithm) throws Exception {
        ExperimentSpec spec = spec(algorithm);
        ArbiterSearchFactory factory = new ArbiterSearchFactory(784, 10);
        ArbiterSpace space = factory.space(spec);
        Sampler sampler = factory.sampler(spec, space, List.of(), 0);
        int proposals = 0;
        for (int i = 0; i < 60; i++) {
            Optional<Proposal> next = sampler.next();
            if (next.isEmpty()) break;
            proposals++;
            Map<String, Number> p = next.get().params();
            int units1 = p.get("layer1_units").intValue();
            assertTrue(units1 >= 64 && units1 <= 1024, p.toString());
            assertTrue(Set.of(64, 128, 256).contains(p.get("layer2_units").intValue()), p.toString());
            assertTrue(Set.of(32, 64, 96).contains(p.get("layer3_units").intValue()), p.toString());
            double dropout = p.get("dropout").doubleValue();
            assertTrue(dropout >= 0.1 && dropout <= 0.5, p.toString());
            double lr = p.get("learning_rate").doubleValue();
            assertTrue(lr >= 1e-4 && lr <= 3e-2, p.toString());
            assertTrue(Set.of(64, 128).contains(p.get("batch_size").intValue()), p.toString());
            int epochs = p.get("epochs").intValue();
            assertTrue(epochs >= 1 && epochs <= 3, p.toString());
            for (double v : next.get().point()) assertTrue(v >= 0 && v <= 1);
            sampler.tell(new Observation(next.get().point(), lr * 10));
        }
        assertTrue(proposals >= 20, "only " + proposals + " proposals");
    }

    @Test
    void grid_covers_distinct_points_in_order() throws Exception {
        ExperimentSpec spec = spec("grid");
        ArbiterSearchFactory factory = new ArbiterSearchFactory(784, 10);
        ArbiterSpace space = factory.space(spec);
        Sampler sampler = factory.sampler(spec, space, List.of(), 0);
        Set<Map<String, Number>> seen = new HashSet<>();
        Optional<Proposal> p;
        while ((p = sampler.next()).isPresent()) assertTrue(seen.add(p.get().params()), "duplicate grid point");
        // 2 (log int) × 3 × 2 (step int, 2 grid points) × 2 × 2 × 2 × 2 (epochs int)
        assertTrue(seen.size() >= 96, "grid had " + seen.size() + " points");
    }

    @Test
    void resumed_random_search_does_not_repeat_earlier_points() throws Exception {
        ExperimentSpec spec = spec("random");
        ArbiterSearchFactory factory = new ArbiterSearchFactory(784, 10);
        ArbiterSpace space = factory.space(spec);
        Proposal first = factory.sampler(spec, space, List.of(), 0).next().orElseThrow();
        Proposal again = factory.sampler(spec, space, List.of(), 0).next().orElseThrow();
        Proposal resumed = factory.sampler(spec, space, List.of(), 3).next().orElseThrow();
        assertEquals(first.params(), again.params());
        assertTrue(!first.params().equals(resumed.params()));
    }

    @Test
    void network_has_relu_layers_softmax_output_adam_with_standard_betas_and_retain_probability() throws Exception {
        ExperimentSpec spec = spec("random");
        ArbiterSpace space = new ArbiterSearchFactory(784, 10).space(spec);
        double[] point = new double[space.dimensions()];
        java.util.Arrays.fill(point, 0.5);
        Map<String, Number> params = space.decode(point);
        MultiLayerConfiguration conf = space.network(point, 1234);
        assertEquals(4, conf.getConfs().size());
        DenseLayer first = assertInstanceOf(DenseLayer.class, conf.getConf(0).getLayer());
        assertEquals(784, first.getNIn());
        assertEquals(params.get("layer1_units").longValue(), first.getNOut());
        assertNull(first.getIDropout(), "no dropout on the input pixels");
        OutputLayer out = assertInstanceOf(OutputLayer.class, conf.getConf(3).getLayer());
        assertEquals(10, out.getNOut());
        assertEquals("softmax", out.getActivationFn().toString());
        Dropout dropout = assertInstanceOf(Dropout.class, out.getIDropout());
        assertEquals(1.0 - params.get("dropout").doubleValue(), dropout.getP(), 1e-9, "DL4J takes the retain probability");
        Adam adam = assertInstanceOf(Adam.class, ((BaseLayer) conf.getConf(1).getLayer()).getIUpdater());
        assertEquals(params.get("learning_rate").doubleValue(), adam.getLearningRate(), 1e-12);
        assertEquals(0.9, adam.getBeta1(), 1e-12);
        assertEquals(0.999, adam.getBeta2(), 1e-12);
        assertEquals(1e-8, adam.getEpsilon(), 1e-15);
        assertEquals(1234, conf.getConf(0).getSeed());
    }

    @Test
    void augmentation_parts_decode_by_name_and_only_searched_ones_add_coordinates() throws Exception {
        ArbiterSearchFactory factory = new ArbiterSearchFactory(784, 10);
        ExperimentSpec plain = spec("random");
        ExperimentSpec fixed = new SpecLoader().parse(SPEC.replace("ALGO", "random").replace("epochs: {int: [1, 3]}",
                "epochs: {int: [1, 3]}\n  augmentation: {shift: 2, elastic: {alpha: 30, sigma: 4}}"), "space.yaml");
        ExperimentSpec searched = new SpecLoader().parse(SPEC.replace("ALGO", "random").replace("epochs: {int: [1, 3]}",
                "epochs: {int: [1, 3]}\n  augmentation: {shift: {choice: [0, 1, 2]}, rotate: {uniform: [0, 15]}}"), "space.yaml");
        int dims = factory.space(plain).dimensions();
        ArbiterSpace fixedSpace = factory.space(fixed);
        assertEquals(dims, fixedSpace.dimensions());
        Proposal p = factory.sampler(plain, factory.space(plain), List.of(), 0).next().orElseThrow();
        // A point of the space without augmentation decodes the same with fixed augmentation added.
        Map<String, Number> withFixed = fixedSpace.decode(p.point());
        assertEquals(2, withFixed.get("aug_shift"));
        assertEquals(30.0, withFixed.get("aug_elastic_alpha"));
        p.params().forEach((k, v) -> assertEquals(v, withFixed.get(k), k));

        ArbiterSpace searchedSpace = factory.space(searched);
        assertEquals(dims + 2, searchedSpace.dimensions());
        Sampler sampler = factory.sampler(searched, searchedSpace, List.of(), 0);
        Set<Number> shifts = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            Map<String, Number> v = sampler.next().orElseThrow().params();
            shifts.add(v.get("aug_shift"));
            double rotate = v.get("aug_rotate").doubleValue();
            assertTrue(rotate >= 0 && rotate <= 15, v.toString());
        }
        assertEquals(Set.of(0, 1, 2), shifts);
    }
}
