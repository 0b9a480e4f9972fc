package dev.tuneboard.trial;

/** One epoch of one trial. Loss values may be NaN or infinite for a diverging trial; they are kept. */
public record EpochMetrics(int epoch, double trainLoss, double valLoss, double valAccuracy, double seconds, double samplesPerSecond) {
}
