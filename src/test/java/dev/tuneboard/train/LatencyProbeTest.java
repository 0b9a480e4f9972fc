package dev.tuneboard.train;

import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.data.Splits;
import dev.tuneboard.model.MlpArchitecture;
import dev.tuneboard.trial.InferenceCost;
import dev.tuneboard.trial.TrialStatus;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every trained trial carries its size and CPU latency, measured cheaply on real MNIST test images. */
@Timeout(300)
class LatencyProbeTest {
    static Splits data;

    @BeforeAll
    static void load() throws Exception {
        data = new DigitDataLoader(new IdxReader()).load(Path.of("data/mnist"), 200, 1200, 300, 5);
    }

    static MultiLayerConfiguration mlp(int units) {
        return new NeuralNetConfiguration.Builder().seed(3).weightInit(WeightInit.RELU).updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(units).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(units).nOut(10).activation(Activation.SOFTMAX).build())
                .build();
    }

    private static InferenceCost train(int units) {
        TrialOutcome outcome = new TrialTrainer().train(new TrialPlan(mlp(units), 100, 1, 3), data, m -> EpochDecision.CONTINUE);
        assertEquals(TrialStatus.COMPLETED, outcome.ending());
        assertNotNull(outcome.test().cost(), "a completed trial's test report carries its cost");
        return outcome.test().cost();
    }

    @Test
    void a_trained_trial_reports_its_parameters_and_median_latencies_within_the_budget() {
        InferenceCost small = train(16);
        InferenceCost big = train(1024);
        assertEquals(new MlpArchitecture(List.of(16)).parameterCount(), small.parameters());
        assertEquals(new MlpArchitecture(List.of(1024)).parameterCount(), big.parameters());
        for (InferenceCost c : List.of(small, big)) {
            assertTrue(c.calls1() >= 5 && c.calls1() <= 51, c.toString());
            assertTrue(c.calls256() >= 5 && c.calls256() <= 11, c.toString());
            assertTrue(c.latencyMs() > 0 && c.latencyMs256() > c.latencyMs(), c.toString());
            // The budget: at most 51 calls at batch 1 and 11 at 256, each stopping once past its CPU budget.
            assertTrue(c.calls1() * c.latencyMs() < 400 && c.calls256() * c.latencyMs256() < 600, c.toString());
        }
        // 64 times the multiply-adds: clearly slower at batch 256, whatever else the machine is doing.
        assertTrue(big.latencyMs256() > 4 * small.latencyMs256(), small + " vs " + big);
        System.out.println("LatencyProbeTest: 784-16-10 " + small + "; 784-1024-10 " + big);
    }
}
