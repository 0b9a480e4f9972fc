package dev.tuneboard.spec;

import java.util.List;

/**
 * The network: hidden layers (units per layer) and the probability of dropping a unit. With {@code layers}
 * (null: all of them) only the first {@code layers} of {@code hiddenUnits} are built, so a search can vary the
 * depth while every layer's units stay their own parameter. {@code activation} (a {@link Param.Named} over
 * {@link #ACTIVATIONS}; null: relu) and {@code maxNorm} (null: none) are optional too.
 */
public record ModelSpec(List<Param> hiddenUnits, Param dropout, Param layers, Param activation, Param maxNorm) {
    /** Hidden-layer activations, by the names specs and trial params use; the order is stored in trials: append only. */
    public static final List<String> ACTIVATIONS = List.of("relu", "leaky_relu", "elu", "gelu");

    public ModelSpec {
        hiddenUnits = List.copyOf(hiddenUnits);
        if (layers != null && (layers.min() < 1 || layers.max() > hiddenUnits.size())) {
            throw new IllegalArgumentException("layer count " + layers.describe() + " outside [1, " + hiddenUnits.size() + "]");
        }
    }

    public ModelSpec(List<Param> hiddenUnits, Param dropout) {
        this(hiddenUnits, dropout, null, null, null);
    }
}
