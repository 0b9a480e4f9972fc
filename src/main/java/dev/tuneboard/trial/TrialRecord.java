package dev.tuneboard.trial;

import java.time.Instant;
import java.util.Map;

/** One attempt at one trial, as stored. Metric fields are null until known; {@code cost} is null until measured. */
public record TrialRecord(
        long id,
        long experimentId,
        int number,
        int attempt,
        TrialStatus status,
        Map<String, Number> params,
        double[] point,
        long seed,
        Double valAccuracy,
        Double valLoss,
        Double testAccuracy,
        Double testLoss,
        Double objective,
        int epochsDone,
        Double samplesPerSecond,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Double seconds,
        String error,
        String stopReason,
        String worker,
        Instant heartbeatAt,
        InferenceCost cost) {

    public TrialRecord {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        point = point.clone();
    }

    @Override
    public double[] point() {
        return point.clone();
    }
}
