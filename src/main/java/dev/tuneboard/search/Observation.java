package dev.tuneboard.search;

/**
 * What a finished trial tells a sampler: its point and objective value, or no value when it failed
 * or was pruned before a value was worth comparing.
 */
public record Observation(double[] point, Double objective) {
    public Observation {
        point = point.clone();
    }

    public boolean hasValue() {
        return objective != null && Double.isFinite(objective);
    }
}
