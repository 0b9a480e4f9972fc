package dev.tuneboard.train;

import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.data.Splits;
import dev.tuneboard.search.SearchSpace;
import dev.tuneboard.search.arbiter.ArbiterSearchFactory;
import dev.tuneboard.spec.SpecLoader;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.TrialStatus;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Comparator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Early stopping inside a trial, on a small slice of real MNIST: the trial is its best epoch, its curve stays whole. */
@Timeout(120)
class EarlyStoppingTest {
    static Splits data;

    @BeforeAll
    static void load() throws Exception {
        data = new DigitDataLoader(new IdxReader()).load(Path.of("data/mnist"), 500, 2500, 500, 1234);
    }

    private static TrialPlan plan(int epochs, TrialPlan.EarlyStop early) throws Exception {
        var spec = new SpecLoader().parse("""
                name: early
                model: {hidden_layers: [{units: 64}], dropout: 0.2}
                training: {learning_rate: 0.02, batch_size: 50, epochs: 6, lr_schedule: none}
                """, "early.yaml");
        SearchSpace space = new ArbiterSearchFactory(784, 10).space(spec);
        return new TrialPlan(space.network(new double[0], 3), 50, epochs, 3, Augmentation.NONE, early);
    }

    private static double validationAccuracyOf(byte[] model) throws Exception {
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(model), false);
        try (EvalChunks chunks = new EvalChunks(data.validation(), 5000)) {
            return TrialTrainer.evaluate(net, chunks, false).accuracy();
        }
    }

    @Test
    void stops_after_patience_epochs_without_improvement_and_keeps_the_best_epoch() throws Exception {
        // A min_delta no epoch can beat: epoch 1 stays best and patience 2 ends the trial after epoch 3.
        var early = new TrialPlan.EarlyStop(Objective.VAL_ACCURACY, 2, 0.9);
        TrialOutcome out = new TrialTrainer().train(plan(6, early), data, m -> EpochDecision.CONTINUE);
        assertEquals(TrialStatus.COMPLETED, out.ending());
        assertEquals(3, out.epochs().size(), "the curve keeps every epoch trained");
        EpochMetrics first = out.epochs().get(0);
        assertEquals(first.valAccuracy(), out.valAccuracy());
        assertEquals(first.valLoss(), out.valLoss());
        assertTrue(out.reason().startsWith("early stopping: val_accuracy did not improve by more than 0.9 for 2 epochs")
                && out.reason().endsWith("best epoch 1 of 3 kept"), out.reason());
        assertNotNull(out.test());
        assertTrue(out.epochs().get(2).valAccuracy() != first.valAccuracy(), "later epochs must differ, else this proves nothing");
        assertEquals(first.valAccuracy(), validationAccuracyOf(out.model()), 1e-9, "the stored model is epoch 1's");
    }

    @Test
    void without_a_stop_the_best_of_all_epochs_is_kept() throws Exception {
        var early = new TrialPlan.EarlyStop(Objective.VAL_ACCURACY, 10, 0);
        TrialOutcome out = new TrialTrainer().train(plan(4, early), data, m -> EpochDecision.CONTINUE);
        assertEquals(4, out.epochs().size());
        EpochMetrics best = out.epochs().stream().max(Comparator.comparingDouble(EpochMetrics::valAccuracy)
                .thenComparing(m -> -m.epoch())).orElseThrow();
        assertEquals(best.valAccuracy(), out.valAccuracy());
        assertEquals("best epoch " + best.epoch() + " of 4 kept", out.reason());
        assertEquals(best.valAccuracy(), validationAccuracyOf(out.model()), 1e-9);
    }

    @Test
    void minimizing_val_loss_keeps_the_lowest_loss() throws Exception {
        var early = new TrialPlan.EarlyStop(new Objective(Objective.Metric.VAL_LOSS, Objective.Direction.MINIMIZE), 10, 0);
        TrialOutcome out = new TrialTrainer().train(plan(4, early), data, m -> EpochDecision.CONTINUE);
        double lowest = out.epochs().stream().mapToDouble(EpochMetrics::valLoss).min().orElseThrow();
        assertEquals(lowest, out.valLoss());
    }
}
