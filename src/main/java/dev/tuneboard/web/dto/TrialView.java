package dev.tuneboard.web.dto;

import dev.tuneboard.trial.TrialRow;

import java.util.List;
import java.util.Map;

/**
 * Everything the trial page shows. {@code correct} is a small sample of test images the trial got right;
 * {@code provenance} is how the trial was made (empty for trials stored before it was recorded).
 */
public record TrialView(String experiment, String objectiveMetric, TrialRow trial, List<Epoch> curves, int[][] confusion,
                        int testSize, int misclassifiedTotal, List<Miss> misclassified, List<Correct> correct,
                        List<TrialRow> attempts, boolean hasModel, Map<String, Object> provenance) {

    public record Epoch(int epoch, Double trainLoss, Double valLoss, Double valAccuracy, Double seconds) {
    }

    public record Miss(int sampleIndex, int trueLabel, int predicted, double confidence) {
    }

    public record Correct(int sampleIndex, Integer label) {
    }
}
