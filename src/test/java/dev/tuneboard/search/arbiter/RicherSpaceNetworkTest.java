package dev.tuneboard.search.arbiter;

import dev.tuneboard.model.LearningRateSchedule;
import dev.tuneboard.model.MlpArchitecture;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.ModelSpec;
import dev.tuneboard.spec.SpecLoader;
import dev.tuneboard.spec.TrainingSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.schedule.MapSchedule;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The richer space as Arbiter leaves, and the network a point decodes to. */
class RicherSpaceNetworkTest {
    private static final String RICH = """
            name: rich
            model:
              hidden_layers: {count: {int: [1, 3]}, units: {int: [16, 64], log: true}}
              activation: {choice: [relu, gelu]}
              dropout: {uniform: [0.2, 0.5]}
              max_norm: {uniform: [2.0, 4.0]}
            training:
              learning_rate: 0.001
              lr_schedule: cosine
              warmup_epochs: 1
              weight_decay: {loguniform: [1.0e-5, 1.0e-2]}
              early_stopping: {patience: 4}
              batch_size: 128
              epochs: 5
            """;

    private static ArbiterSpace space() throws Exception {
        ExperimentSpec spec = new SpecLoader().parse(RICH, "rich.yaml");
        return new ArbiterSearchFactory(784, 10).space(spec);
    }

    private static double[] point(ArbiterSpace space, double v) {
        double[] p = new double[space.dimensions()];
        Arrays.fill(p, v);
        return p;
    }

    @Test
    void every_searched_key_is_a_coordinate() throws Exception {
        // 3 units, layer count, activation, dropout, max-norm, weight decay; the rest are fixed.
        assertEquals(8, space().dimensions());
    }

    @Test
    void the_layer_count_drops_the_layers_after_it_and_the_architecture_agrees_with_dl4j() throws Exception {
        ArbiterSpace space = space();
        for (double v : new double[] {0.0, 0.5, 0.999}) {
            double[] p = point(space, v);
            Map<String, Number> params = space.decode(p);
            MultiLayerConfiguration conf = space.network(p, 7);
            int layers = params.get("layers").intValue();
            assertEquals(layers + 1, conf.getConfs().size(), "layers " + layers);
            MlpArchitecture architecture = new MlpArchitecture(params);
            FeedForwardLayer output = (FeedForwardLayer) conf.getConf(layers).getLayer();
            assertEquals(architecture.hidden().get(layers - 1).longValue(), output.getNIn());
            assertInstanceOf(ActivationSoftmax.class, output.getActivationFn());
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            assertEquals(net.numParams(), architecture.parameterCount(), params.toString());
        }
        assertEquals(1, space.decode(point(space, 0.0)).get("layers"));
        assertEquals(3, space.decode(point(space, 0.999)).get("layers"));
    }

    @Test
    void activation_max_norm_weight_decay_and_schedule_reach_every_layer() throws Exception {
        ArbiterSpace space = space();
        double[] p = point(space, 0.999);
        Map<String, Number> params = space.decode(p);
        assertEquals(ModelSpec.ACTIVATIONS.indexOf("gelu"), params.get("activation"));
        MultiLayerConfiguration conf = space.network(p, 7);
        assertInstanceOf(ActivationGELU.class, ((BaseLayer) conf.getConf(0).getLayer()).getActivationFn());
        assertInstanceOf(ActivationReLU.class, ((BaseLayer) space.network(point(space, 0.0), 7).getConf(0).getLayer()).getActivationFn());
        for (var c : conf.getConfs()) {
            BaseLayer layer = (BaseLayer) c.getLayer();
            MaxNormConstraint maxNorm = (MaxNormConstraint) layer.getConstraints().get(0);
            assertEquals(params.get("max_norm").doubleValue(), maxNorm.getMaxNorm());
            assertInstanceOf(WeightDecay.class, layer.getRegularization().get(0));
            MapSchedule schedule = (MapSchedule) ((Adam) layer.getIUpdater()).getLearningRateSchedule();
            LearningRateSchedule expected = new LearningRateSchedule("cosine", 5, 1, 5, 0.5);
            for (int e = 0; e < 5; e++) assertEquals(0.001 * expected.factor(e), schedule.valueAt(0, e), 1e-12);
        }
        // Only DL4J classes: the configuration goes through DL4J's JSON and back.
        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()));
    }

    @Test
    void warmup_rises_then_cosine_falls() {
        LearningRateSchedule s = new LearningRateSchedule("cosine", 5, 1, 5, 0.5);
        assertEquals(0.5, s.factor(0), 1e-12);
        assertEquals(1.0, s.factor(1), 1e-12);
        assertTrue(s.factor(2) < 1 && s.factor(4) < s.factor(3) && s.factor(4) > 0);
        assertEquals(0.25, new LearningRateSchedule("step", 10, 0, 2, 0.5).factor(4), 1e-12);
        assertEquals(0.81, new LearningRateSchedule("exponential", 10, 0, 5, 0.9).factor(2), 1e-12);
    }

    @Test
    void the_names_agree_across_spec_model_and_network() {
        assertEquals(ModelSpec.ACTIVATIONS, MlpArchitecture.ACTIVATIONS);
        assertEquals(TrainingSpec.LR_SCHEDULES, LearningRateSchedule.KINDS);
        assertEquals(new java.util.HashSet<>(ModelSpec.ACTIVATIONS), NetworkOptions.ACTIVATIONS.keySet());
    }
}
