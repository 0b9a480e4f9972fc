package dev.tuneboard.search.pruning;

import dev.tuneboard.spec.PrunerSpec;

/** Builds the pruner a spec asks for. */
public final class Pruners {
    private Pruners() {
    }

    /** {@code maximize} is the objective's direction (true for accuracy, false for loss). */
    public static Pruner of(PrunerSpec spec, boolean maximize) {
        return switch (spec.kind()) {
            case NONE -> new NoPruner();
            case MEDIAN -> new MedianPruner(spec.warmupEpochs(), spec.minTrials(), maximize);
            case ASHA -> new AshaPruner(spec.minEpochs(), spec.reductionFactor(), maximize);
        };
    }
}
