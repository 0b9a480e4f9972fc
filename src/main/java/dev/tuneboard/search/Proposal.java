package dev.tuneboard.search;

import java.util.Map;

/**
 * A candidate to train: a point in the unit hypercube of the search space (what samplers work in)
 * and the named hyperparameter values it decodes to (what people read).
 */
public record Proposal(double[] point, Map<String, Number> params) {
    public Proposal {
        point = point.clone();
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    @Override
    public double[] point() {
        return point.clone();
    }
}
