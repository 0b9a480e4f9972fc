package dev.tuneboard.train.fast;

import dev.tuneboard.search.arbiter.ArbiterSearchFactory;
import dev.tuneboard.search.SearchSpace;
import dev.tuneboard.spec.SpecLoader;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10's options that touch the update or the layer (schedule and warm-up, weight decay, max-norm, activation),
 * built from a spec the way trials build them, train the same through the fast paths as through DL4J's own classes.
 */
class FastPathsOptionsTest {
    private static final String BASE = """
            name: options
            model: {hidden_layers: [{units: 64}, {units: 32}], dropout: 0.2 MODEL}
            training: {learning_rate: 0.003, batch_size: 100, epochs: 3 TRAINING}
            """;

    @BeforeAll
    static void load() throws Exception {
        FastPathsTest.load();
    }

    private static MultiLayerConfiguration conf(String model, String training) throws Exception {
        var spec = new SpecLoader().parse(BASE.replace("MODEL", model).replace("TRAINING", training), "options.yaml");
        SearchSpace space = new ArbiterSearchFactory(784, 10).space(spec);
        return space.network(new double[space.dimensions()], 11);
    }

    /** Like {@link FastPathsTest#trained}, counting epochs as TrialTrainer does, so epoch schedules move. */
    private static INDArray trained(MultiLayerConfiguration conf, int epochs) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        for (int e = 0; e < epochs; e++) {
            for (DataSet b : FastPathsTest.batches) net.fit(b);
            net.incrementEpochCount();
        }
        return net.params().dup();
    }

    private static INDArray assertSame(MultiLayerConfiguration conf) {
        MultiLayerConfiguration swapped = FastPaths.forTraining(conf);
        assertInstanceOf(HeapAdam.class, ((BaseLayer) swapped.getConf(0).getLayer()).getIUpdater());
        assertInstanceOf(OnePassDenseLayer.class, swapped.getConf(0).getLayer());
        INDArray expected = trained(conf, 3);
        FastPathsTest.assertSameParameters(expected, trained(swapped, 3));
        return expected;
    }

    private static INDArray plain() throws Exception {
        return trained(conf("", ""), 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {", lr_schedule: cosine", ", lr_schedule: {type: step, every_epochs: 1, gamma: 0.3}",
            ", lr_schedule: {type: exponential, gamma: 0.5}", ", warmup_epochs: 2"})
    void scheduleAndWarmupTrainTheSame(String training) throws Exception {
        INDArray trained = assertSame(conf("", training));
        assertFalse(trained.equalsWithEps(plain(), 1e-4), "the schedule had no effect");
    }

    @Test
    void weightDecayTrainsTheSame() throws Exception {
        INDArray trained = assertSame(conf("", ", weight_decay: 0.3"));
        assertFalse(trained.equalsWithEps(plain(), 1e-4), "weight decay had no effect");
    }

    @Test
    void maxNormTrainsTheSameAndBoundsEveryUnitsIncomingWeights() throws Exception {
        MultiLayerConfiguration conf = conf(", max_norm: 0.5", "");
        MultiLayerConfiguration swapped = FastPaths.forTraining(conf);
        for (int layer = 0; layer < 3; layer++) {
            assertInstanceOf(HeapMaxNormConstraint.class, swapped.getConf(layer).getLayer().getConstraints().get(0));
            assertEquals(MaxNormConstraint.class, conf.getConf(layer).getLayer().getConstraints().get(0).getClass(), "original left alone");
        }
        assertSame(conf);
        MultiLayerNetwork net = new MultiLayerNetwork(swapped);
        net.init();
        for (DataSet b : FastPathsTest.batches) net.fit(b);
        for (int layer = 0; layer < 3; layer++) {
            INDArray w = net.getLayer(layer).getParam("W");   // [nIn, nOut]: column j is unit j's incoming weights
            double most = w.norm2(0).maxNumber().doubleValue();
            assertTrue(most <= 0.5 + 1e-4, "layer " + layer + " has a unit with incoming norm " + most);
        }
        INDArray free = plain();
        assertFalse(net.params().equalsWithEps(free, 1e-4), "max-norm had no effect");

        FastPaths.forSaving(net.getLayerWiseConfigurations());
        String json = net.getLayerWiseConfigurations().toJson();
        assertFalse(json.contains("HeapMaxNorm"), "saved configuration names our class: " + json);
        MultiLayerConfiguration loaded = MultiLayerConfiguration.fromJson(json);
        var constraint = (MaxNormConstraint) loaded.getConf(1).getLayer().getConstraints().get(0);
        assertEquals(MaxNormConstraint.class, constraint.getClass());
        assertEquals(0.5, constraint.getMaxNorm());
        assertArrayEquals(new int[] {0}, constraint.getDimensions());
    }

    /**
     * As DL4J 1.0.0-M2.1 applies it after a step: twice per parameter (see HeapMaxNormConstraint). A large ε makes
     * the second pass's norm / (norm + ε) visible, so applying it once would fail here.
     */
    @Test
    void maxNormAfterAStepMatchesDl4jsConstraintPass() throws Exception {
        MultiLayerConfiguration conf = conf(", max_norm: 0.5", "");
        MultiLayerNetwork dl4jNet = new MultiLayerNetwork(conf.clone());
        dl4jNet.init();
        dl4jNet.params().muli(4);            // every layer has columns over the bound, and some under it
        MultiLayerNetwork heapNet = new MultiLayerNetwork(FastPaths.forTraining(conf));
        heapNet.init(dl4jNet.params().dup(), false);
        for (int layer = 0; layer < 3; layer++) {
            var dl4j = (MaxNormConstraint) dl4jNet.getLayer(layer).conf().getLayer().getConstraints().get(0);
            var heap = (HeapMaxNormConstraint) heapNet.getLayer(layer).conf().getLayer().getConstraints().get(0);
            dl4j.setEpsilon(0.05);
            heap.setEpsilon(0.05);
            dl4j.applyConstraint(dl4jNet.getLayer(layer), 0, 0);
            heap.applyConstraint(heapNet.getLayer(layer), 0, 0);
        }
        FastPathsTest.assertSameParameters(dl4jNet.params(), heapNet.params());
    }

    /** On its own, against DL4J's on the same weights: columns over and under the bound, either memory order. */
    @ParameterizedTest
    @ValueSource(chars = {'f', 'c'})
    void maxNormScalesEachColumnAsDl4jDoes(char order) {
        INDArray w = Nd4j.rand(DataType.FLOAT, order, 300, 40).subi(0.5);
        w.getColumn(3).muli(0.01);          // well under the bound: scaled by norm / (norm + eps) only
        w.getColumn(7).muli(50);            // far over
        MaxNormConstraint dl4j = new MaxNormConstraint(2.0, Set.of("W"), 0);
        INDArray expected = w.dup(order);
        dl4j.apply(expected);
        INDArray actual = w.dup(order);
        new HeapMaxNormConstraint(dl4j).apply(actual);
        FastPathsTest.assertSameParameters(expected, actual);
        assertTrue(actual.norm2(0).maxNumber().doubleValue() <= 2.0 + 1e-5);
        assertTrue(w.norm2(0).maxNumber().doubleValue() > 10, "a column was over the bound");
    }

    @ParameterizedTest
    @ValueSource(strings = {"leaky_relu", "elu", "gelu"})
    void everyActivationTrainsTheSame(String activation) throws Exception {
        INDArray trained = assertSame(conf(", activation: " + activation, ""));
        assertFalse(trained.equalsWithEps(plain(), 1e-4), activation + " had no effect");
    }
}
