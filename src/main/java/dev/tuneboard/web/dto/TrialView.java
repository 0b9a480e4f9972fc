package dev.tuneboard.web.dto;

import java.util.List;

/** Everything the trial page shows. {@code correct} is a small sample of test images the trial got right. */
public record TrialView(String experiment, String objectiveMetric, TrialRow trial, List<Epoch> curves, int[][] confusion,
                        int testSize, int misclassifiedTotal, List<Miss> misclassified, List<Correct> correct,
                        List<TrialRow> attempts, boolean hasModel) {

    public record Epoch(int epoch, Double trainLoss, Double valLoss, Double valAccuracy, Double seconds) {
    }

    public record Miss(int sampleIndex, int trueLabel, int predicted, double confidence) {
    }

    public record Correct(int sampleIndex, Integer label) {
    }
}
