package dev.tuneboard.train;

import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.TestReport;
import java.util.List;

/**
 * How one training run ended. COMPLETED and PRUNED carry validation metrics from the last epoch
 * trained, a test report and the model; STOPPED (interrupted) carries only its curve.
 */
public record TrialOutcome(
        Ending ending,
        String reason,
        List<EpochMetrics> epochs,
        double valAccuracy,
        double valLoss,
        TestReport test,
        byte[] model,
        double trainSeconds,
        double samplesPerSecond) {

    public enum Ending { COMPLETED, PRUNED, STOPPED }

    public TrialOutcome {
        epochs = List.copyOf(epochs);
    }
}
