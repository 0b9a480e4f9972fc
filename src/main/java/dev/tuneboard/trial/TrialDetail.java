package dev.tuneboard.trial;


import java.util.List;

/** A trial with its curve, confusion matrix (empty when none) and misclassified test samples. */
public record TrialDetail(TrialRecord trial, List<EpochMetrics> epochs, int[][] confusion, List<Misclassified> misclassified,
                          List<TrialRecord> attempts) {
    public TrialDetail {
        epochs = List.copyOf(epochs);
        misclassified = List.copyOf(misclassified);
        attempts = List.copyOf(attempts);
    }
}
