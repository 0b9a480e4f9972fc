package dev.tuneboard.export;

import dev.tuneboard.search.arbiter.ArbiterSpace;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.SpecLoader;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each hidden activation the search can pick, on a randomly initialised network built as trials build
 * theirs (the spec through ArbiterSpace), gives the same probabilities in ONNX Runtime as in DL4J on
 * 1,000 real test images. The activation is then set on the hidden layers' configuration, as a spec
 * naming it would.
 */
class OnnxActivationsTest {
    private static final String SPEC = """
            name: onnx-activations
            data: {dir: data/mnist, train_limit: 1000, validation: 100, test_limit: 100}
            model:
              hidden_layers:
                - units: 64
                - units: 32
              dropout: 0.3
            training: {learning_rate: 0.003, batch_size: 64, epochs: 1}
            search: {algorithm: random, trials: 1, seed: 1}
            """;

    static Stream<IActivation> activations() {
        return Stream.of(new ActivationReLU(), new ActivationLReLU(), new ActivationLReLU(0.2), new ActivationELU(),
                new ActivationELU(0.5), new ActivationGELU(), new ActivationGELU(true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void onnx_runtime_matches_dl4j_on_1000_test_images(IActivation activation) throws Exception {
        MultiLayerNetwork net = network(activation, 11);
        float[] pixels = OnnxRuntimeCheck.testImages(1000);
        byte[] onnx = new OnnxExporter("test").toOnnx(net, "activation");
        double worst = OnnxRuntimeCheck.compare(OnnxRuntimeCheck.dl4j(net, pixels, 1000),
                OnnxRuntimeCheck.onnxRuntime(onnx, pixels, 1000));
        System.out.printf("%s: max |Δp| %.3g over 1000 test images%n", activation, worst);
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void an_activation_without_a_translation_is_refused_by_name() throws Exception {
        MultiLayerNetwork net = network(new ActivationTanH(), 3);
        var e = assertThrows(OnnxExporter.UnsupportedModelException.class, () -> new OnnxExporter("test").toOnnx(net, "tanh"));
        assertTrue(e.getMessage().contains("layer 0") && e.getMessage().contains("ActivationTanH")
                && e.getMessage().contains("supported: relu, leaky_relu, elu, gelu"), e.getMessage());
    }

    private static MultiLayerNetwork network(IActivation activation, long seed) throws Exception {
        ExperimentSpec spec = new SpecLoader().parse(SPEC, "onnx-activations.yaml");
        ArbiterSpace space = new ArbiterSpace(spec, 784, 10);
        double[] point = new double[space.dimensions()];
        Arrays.fill(point, 0.5);
        MultiLayerConfiguration conf = space.network(point, seed);
        for (var layerConf : conf.getConfs()) {
            if (layerConf.getLayer() instanceof DenseLayer dense) ((BaseLayer) dense).setActivationFn(activation);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
