package dev.tuneboard.search;

/**
 * What a finished trial tells a sampler: its point and objective value, or no value when it failed.
 * A pruned trial's value is its last intermediate one, after {@code epochs} epochs (the rung it was stopped at):
 * samplers rank it below every completed trial and compare it only by how far it got, then by that value
 * (see {@link ObservationOrder}).
 */
public record Observation(double[] point, Double objective, int epochs, boolean pruned) {
    public Observation {
        point = point.clone();
    }

    /** A completed trial's outcome (or a failed one's, with no value). */
    public Observation(double[] point, Double objective) {
        this(point, objective, 0, false);
    }

    @Override
    public double[] point() {
        return point.clone();
    }

    public boolean hasValue() {
        return objective != null && Double.isFinite(objective);
    }
}
