package dev.tuneboard.train;

import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.data.Splits;
import dev.tuneboard.train.fast.FastPaths;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cheaper per-trial steps (shared evaluation chunks, a stored model zip) change no result. */
@Timeout(300)
class TrialCostsTest {
    static Splits data;

    @BeforeAll
    static void load() throws Exception {
        data = new DigitDataLoader(new IdxReader()).load(Path.of("data/mnist"), 300, 1300, 700, 7);
    }

    private static MultiLayerConfiguration net(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).weightInit(WeightInit.RELU).updater(new Adam(1e-3))
                .list()
                .layer(new DenseLayer.Builder().nOut(48).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder().nOut(10).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(784)).build();
    }

    private static Map<String, byte[]> entries(byte[] zip) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) out.put(e.getName(), in.readAllBytes());
        }
        return out;
    }

    @Test
    void the_stored_model_has_dl4js_entries_byte_for_byte_and_loads_with_plain_dl4j() throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(FastPaths.forTraining(net(4)));
        net.init();
        byte[] ours = TrialTrainer.serialize(net);
        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, theirs, false);
        Map<String, byte[]> a = entries(ours);
        Map<String, byte[]> b = entries(theirs.toByteArray());
        assertEquals(b.keySet(), a.keySet());
        b.forEach((name, bytes) -> assertArrayEquals(bytes, a.get(name), name));
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(ours), false);
        assertArrayEquals(net.params().toFloatVector(), loaded.params().toFloatVector());
        // Stored, not deflated: at least the raw weights' size.
        assertTrue(ours.length >= net.params().length() * 4, ours.length + " bytes");
    }

    @Test
    void trials_sharing_evaluation_chunks_report_exactly_what_a_fresh_trainer_reports() {
        TrialTrainer shared = new TrialTrainer();
        TrialOutcome first = shared.train(new TrialPlan(net(5), 64, 2, 5), data, m -> EpochDecision.CONTINUE);
        TrialOutcome second = shared.train(new TrialPlan(net(5), 64, 2, 5), data, m -> EpochDecision.CONTINUE);
        TrialOutcome fresh = new TrialTrainer().train(new TrialPlan(net(5), 64, 2, 5), data, m -> EpochDecision.CONTINUE);
        for (TrialOutcome o : new TrialOutcome[] {second, fresh}) {
            assertEquals(first.valAccuracy(), o.valAccuracy());
            assertEquals(first.valLoss(), o.valLoss());
            assertEquals(first.test().accuracy(), o.test().accuracy());
            assertEquals(first.test().loss(), o.test().loss());
            assertArrayEquals(first.test().confusion(), o.test().confusion());
            assertEquals(first.test().misclassified(), o.test().misclassified());
            assertArrayEquals(first.model(), o.model());
            for (int e = 0; e < first.epochs().size(); e++) {
                assertEquals(first.epochs().get(e).valAccuracy(), o.epochs().get(e).valAccuracy());
            }
        }
        assertTrue(first.test().accuracy() > 0.5, "trained to " + first.test().accuracy());
    }
}
