package dev.tuneboard.train.fast;

import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.data.Split;
import dev.tuneboard.data.Splits;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast paths must train exactly like DL4J's own Adam and dense layer: same parameters after the same
 * batches of real MNIST, with dropout, schedules and separate bias updaters too.
 */
class FastPathsTest {
    static List<DataSet> batches;

    @BeforeAll
    static void load() throws Exception {
        Splits data = new DigitDataLoader(new IdxReader()).load(Path.of("data/mnist"), 100, 1100, 100, 7);
        Split train = data.train();
        batches = new ArrayList<>();
        for (int from = 0; from + 100 <= train.size(); from += 100) {
            float[] x = java.util.Arrays.copyOfRange(train.features(), from * train.width(), (from + 100) * train.width());
            INDArray y = Nd4j.zeros(DataType.FLOAT, 100, 10);
            for (int r = 0; r < 100; r++) y.putScalar(r, train.labels()[from + r], 1f);
            batches.add(new DataSet(Nd4j.create(x, new long[] {100, train.width()}, 'c'), y));
        }
    }

    static MultiLayerConfiguration net(Adam adam, Adam biasAdam) {
        return net(adam, biasAdam, 0);
    }

    static MultiLayerConfiguration net(Adam adam, Adam biasAdam, double dropout) {
        DenseLayer.Builder second = new DenseLayer.Builder().nOut(32).activation(Activation.TANH);
        if (dropout > 0) second.dropOut(1 - dropout);
        return new NeuralNetConfiguration.Builder().seed(11).weightInit(WeightInit.RELU).updater(adam)
                .biasUpdater(biasAdam)
                .list()
                .layer(new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(second.build())
                .layer(new OutputLayer.Builder().nOut(10).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(784)).build();
    }

    /** Trains {@code conf} as it is and through FastPaths; returns DL4J's parameters after asserting both agree. */
    static INDArray assertFastPathsTrainLikeDl4j(MultiLayerConfiguration conf, int epochs) {
        // Swap first: training counts iterations in the configuration, and Adam's bias correction reads them.
        MultiLayerConfiguration swapped = FastPaths.forTraining(conf);
        INDArray expected = trained(conf, epochs);
        assertSameParameters(expected, trained(swapped, epochs));
        return expected;
    }

    static void assertSameParameters(INDArray expected, INDArray actual) {
        double maxDiff = Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.same.AMax(
                expected.sub(actual))).getDouble(0);
        assertTrue(maxDiff < 1e-5, "largest parameter difference " + maxDiff);
    }

    static INDArray trained(MultiLayerConfiguration conf, int epochs) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        for (int e = 0; e < epochs; e++) for (DataSet b : batches) net.fit(b);
        return net.params().dup();
    }

    @Test
    void sameParametersAsDl4jAdamAfterTwoEpochs() {
        Adam adam = new Adam(3e-3, 0.9, 0.999, 1e-8);
        MultiLayerConfiguration conf = net(adam, null);
        // Swap first: training counts iterations in the configuration, and Adam's bias correction reads them.
        MultiLayerConfiguration swapped = FastPaths.forTraining(conf);
        INDArray expected = trained(conf, 2);
        assertInstanceOf(HeapAdam.class, ((BaseLayer) swapped.getConf(0).getLayer()).getIUpdater());
        assertInstanceOf(OnePassDenseLayer.class, swapped.getConf(1).getLayer());
        INDArray actual = trained(swapped, 2);
        assertFalse(expected.equalsWithEps(trained(net(new Adam(1e-3, 0.9, 0.999, 1e-8), null), 2), 1e-3),
                "a different learning rate must give different parameters, else this test proves nothing");
        assertSameParameters(expected, actual);
    }

    @Test
    void separateBiasUpdaterAndLearningRateScheduleAreKept() {
        Adam weights = new Adam(new ExponentialSchedule(ScheduleType.ITERATION, 4e-3, 0.95));
        Adam biases = new Adam(1e-3, 0.8, 0.99, 1e-7);
        assertFastPathsTrainLikeDl4j(net(weights, biases), 1);
    }

    @Test
    void dropoutDrawsTheSameMasks() {
        INDArray trained = assertFastPathsTrainLikeDl4j(net(new Adam(2e-3), null, 0.3), 1);
        assertFalse(trained.equalsWithEps(trained(net(new Adam(2e-3), null, 0), 1), 1e-4), "dropout had no effect");
    }

    @Test
    void sameParametersWithoutWorkspaces() {
        MultiLayerConfiguration conf = net(new Adam(2e-3), null, 0.2);
        conf.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        conf.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        assertFastPathsTrainLikeDl4j(conf, 1);
    }

    @Test
    void otherUpdatersAreLeftAlone() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().updater(new Sgd(0.1)).list()
                .layer(new OutputLayer.Builder().nIn(4).nOut(2).activation(Activation.SOFTMAX).build()).build();
        assertInstanceOf(Sgd.class, ((BaseLayer) FastPaths.forTraining(conf).getConf(0).getLayer()).getIUpdater());
    }

    @Test
    void stateReachesDl4jsViewAndSavedModelsNameOnlyDl4jClasses() throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(FastPaths.forTraining(net(new Adam(2e-3), null)));
        net.init();
        for (DataSet b : batches) net.fit(b);
        Map<String, INDArray> state = net.getUpdater().getStateViewArray() == null ? Map.of()
                : ((HeapAdamUpdater) ((org.deeplearning4j.nn.updater.MultiLayerUpdater) net.getUpdater())
                .getUpdaterBlocks().get(0).getGradientUpdater()).getState();
        assertTrue(state.get(AdamUpdater.M_STATE).amaxNumber().doubleValue() > 0, "first moment reached the view");
        assertTrue(state.get(AdamUpdater.V_STATE).amaxNumber().doubleValue() > 0, "second moment reached the view");

        FastPaths.forSaving(net.getLayerWiseConfigurations());
        String json = net.getLayerWiseConfigurations().toJson();
        assertFalse(json.contains("HeapAdam") || json.contains("OnePass"), "saved configuration names our classes: " + json);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, false);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), false);
        assertSame(Adam.class, ((BaseLayer) loaded.getLayerWiseConfigurations().getConf(0).getLayer()).getIUpdater().getClass());
        assertSame(DenseLayer.class, loaded.getLayerWiseConfigurations().getConf(0).getLayer().getClass());
        assertEquals(net.params(), loaded.params());
    }
}
