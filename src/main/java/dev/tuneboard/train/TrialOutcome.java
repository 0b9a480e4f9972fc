package dev.tuneboard.train;

import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.TestReport;
import dev.tuneboard.trial.TrialStatus;
import java.util.List;

/**
 * How one training run ended ({@link TrialStatus} completed, pruned or stopped). Completed and pruned carry validation metrics from the last epoch
 * trained, a test report and the model; STOPPED (interrupted) carries only its curve.
 */
public record TrialOutcome(
        TrialStatus ending,
        String reason,
        List<EpochMetrics> epochs,
        double valAccuracy,
        double valLoss,
        TestReport test,
        byte[] model,
        double trainSeconds,
        double samplesPerSecond) {

    public TrialOutcome {
        if (ending != TrialStatus.COMPLETED && ending != TrialStatus.PRUNED && ending != TrialStatus.STOPPED) {
            throw new IllegalArgumentException("training ends completed, pruned or stopped, not " + ending);
        }
        epochs = List.copyOf(epochs);
    }
}
