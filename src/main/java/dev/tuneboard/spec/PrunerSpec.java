package dev.tuneboard.spec;

/**
 * Early stopping of unpromising trials. MEDIAN stops a trial below the median of earlier trials at
 * the same epoch once {@code warmupEpochs} have passed; ASHA keeps the top 1/{@code reductionFactor}
 * at rungs min_epochs * reductionFactor^i; HYPERBAND runs ASHA in several brackets, bracket i with its first
 * rung at min_epochs * reductionFactor^i up to {@code maxEpochs} (Optuna's HyperbandPruner). {@code maxEpochs}
 * is 0 for the other kinds.
 */
public record PrunerSpec(Kind kind, int warmupEpochs, int minTrials, int minEpochs, int reductionFactor, int maxEpochs) {
    public enum Kind { NONE, MEDIAN, ASHA, HYPERBAND }

    /** A pruner that needs no maximum (every kind but hyperband). */
    public PrunerSpec(Kind kind, int warmupEpochs, int minTrials, int minEpochs, int reductionFactor) {
        this(kind, warmupEpochs, minTrials, minEpochs, reductionFactor, 0);
    }

    public static PrunerSpec none() {
        return new PrunerSpec(Kind.NONE, 1, 5, 1, 3);
    }
}
