package dev.tuneboard.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MlpArchitectureTest {
    @Test
    void parameter_count_matches_the_dl4j_network_it_describes() {
        MlpArchitecture a = new MlpArchitecture(List.of(300, 100));
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(300).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(300).nOut(100).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(100).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        assertEquals(net.numParams(), a.parameterCount());
        assertEquals(2.0 * (784 * 300 + 300 * 100 + 100 * 10), a.forwardFlopsPerSample());
        assertEquals(3 * a.forwardFlopsPerSample(), a.trainFlopsPerSample());
    }

    @Test
    void hidden_layers_come_from_trial_params_in_layer_order() {
        assertEquals(List.of(512, 64, 32), MlpArchitecture.hiddenUnits(Map.of("layer2_units", 64, "learning_rate", 0.001,
                "layer10_units", 32, "layer1_units", 512)));
        assertThrows(IllegalArgumentException.class, () -> new MlpArchitecture(List.of(0)));
    }

    @Test
    void a_layer_count_param_keeps_only_that_many_layers_and_the_activation_is_described() {
        Map<String, Number> params = Map.of("layers", 2, "layer1_units", 1024, "layer2_units", 512, "layer3_units", 2048,
                "activation", 3);
        MlpArchitecture a = new MlpArchitecture(params);
        assertEquals(List.of(1024, 512), a.hidden());
        assertEquals("gelu", a.activation());
        assertTrue(a.describe().startsWith("784 inputs → GELU dense layers [1024, 512] → 10-way softmax"), a.describe());
        assertEquals("relu", new MlpArchitecture(Map.of("layer1_units", 8)).activation());
    }
}
