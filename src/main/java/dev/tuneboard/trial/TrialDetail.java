package dev.tuneboard.trial;


import java.util.List;
import java.util.Map;

/** A trial with its curve, confusion matrix (empty when none), misclassified test samples and provenance (empty when none). */
public record TrialDetail(TrialRecord trial, List<EpochMetrics> epochs, int[][] confusion, List<Misclassified> misclassified,
                          List<TrialRecord> attempts, Map<String, Object> provenance) {
    public TrialDetail {
        epochs = List.copyOf(epochs);
        misclassified = List.copyOf(misclassified);
        attempts = List.copyOf(attempts);
        provenance = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
    }
}
