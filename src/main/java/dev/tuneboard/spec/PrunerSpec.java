package dev.tuneboard.spec;

/**
 * Early stopping of unpromising trials. MEDIAN stops a trial below the median of earlier trials at
 * the same epoch once {@code warmupEpochs} have passed; ASHA keeps the top 1/{@code reductionFactor}
 * at rungs min_epochs * reductionFactor^i.
 */
public record PrunerSpec(Kind kind, int warmupEpochs, int minTrials, int minEpochs, int reductionFactor) {
    public enum Kind { NONE, MEDIAN, ASHA }

    public static PrunerSpec none() {
        return new PrunerSpec(Kind.NONE, 1, 5, 1, 3);
    }
}
