package dev.tuneboard.run;

import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.TrialStatus;

import java.util.Map;

/** What a run tells its watcher (the CLI's progress bars, the dashboard's live feed). All optional. */
public interface RunListener {
    default void experimentStarted(String name, int budget, int alreadyDone, int parallelism) {
    }

    default void trialStarted(int number, int attempt, Map<String, Number> params) {
    }

    default void batchProgress(int number, int epoch, int epochs, int batch, int batches, double loss) {
    }

    default void epochFinished(int number, EpochMetrics metrics) {
    }

    default void trialFinished(int number, int attempt, TrialStatus status, Double valAccuracy, Double testAccuracy, String reason) {
    }

    /** Something the user should know that is not a trial's progress (another process holds trials, a thread died). */
    default void note(String message) {
    }

    RunListener SILENT = new RunListener() { };
}
