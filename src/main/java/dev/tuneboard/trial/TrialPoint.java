package dev.tuneboard.trial;

import java.time.Instant;
import java.util.Map;

/**
 * The few columns of a trial the dashboard's charts need (history, parallel coordinates, importance),
 * read in one query so the aggregates stay fast with many thousands of trials.
 */
public record TrialPoint(long id, int number, TrialStatus status, Map<String, Number> params, Double objective,
                         Double valAccuracy, Instant finishedAt) {
    public TrialPoint {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }
}
