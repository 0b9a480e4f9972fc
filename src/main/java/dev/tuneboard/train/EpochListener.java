package dev.tuneboard.train;

import dev.tuneboard.trial.EpochMetrics;

/** Hears each finished epoch and decides whether training goes on. */
@FunctionalInterface
public interface EpochListener {
    EpochDecision onEpoch(EpochMetrics metrics);

    /** Called between batches; true stops the trial at once (Ctrl-C, time limit). Default: never. */
    default boolean interrupted() {
        return false;
    }

    /** Progress within an epoch, for progress bars; called every few batches. */
    default void onProgress(int epoch, int batchesDone, int batchesTotal, double lastLoss) {
    }
}
