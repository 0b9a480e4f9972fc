package dev.tuneboard.search.pruning;

import dev.tuneboard.spec.PrunerSpec;
import dev.tuneboard.trial.Objective;


/** Builds the pruner a spec asks for. */
public final class Pruners {
    private Pruners() {
    }

    public static Pruner of(PrunerSpec spec, Objective objective) {
        return switch (spec.kind()) {
            case NONE -> new NoPruner();
            case MEDIAN -> new MedianPruner(spec.warmupEpochs(), spec.minTrials(), objective);
            case ASHA -> new AshaPruner(spec.minEpochs(), spec.reductionFactor(), objective);
            case HYPERBAND -> new HyperbandPruner(spec.minEpochs(), spec.maxEpochs(), spec.reductionFactor(), objective);
        };
    }
}
