package dev.tuneboard.web;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the importance chart must know of an experiment's parameters, taken from its spec: which ones are
 * unordered categories (a trial stores an index into an arbitrary vocabulary), and which per-layer parameters
 * only exist in trials that built that layer ({@code layer}: name to 1-based layer, gated by {@code layerCount}).
 */
record ParamKinds(Set<String> categorical, String layerCount, Map<String, Integer> layer) {
    /** No spec to go by (an old spec that no longer parses): every parameter ordinal, every trial counted. */
    static final ParamKinds NONE = new ParamKinds(Set.of(), null, Map.of());

    ParamKinds {
        categorical = Set.copyOf(categorical);
        layer = Map.copyOf(layer);
        if (!layer.isEmpty()) Objects.requireNonNull(layerCount, "per-layer parameters need the layer count's name");
        for (var e : layer.entrySet()) {
            if (e.getValue() < 1) throw new IllegalArgumentException("layer of " + e.getKey() + " must be >= 1, got " + e.getValue());
        }
    }

    /** Whether a trial with these params built the layer {@code name} belongs to (always, for other params). */
    boolean built(String name, Map<String, Number> params) {
        Integer needs = layer.get(name);
        if (needs == null) return true;
        Number count = params.get(layerCount);
        return count != null && count.intValue() >= needs;
    }
}
