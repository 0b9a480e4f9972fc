package dev.tuneboard.search.pruning;

import dev.tuneboard.trial.Objective;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Asynchronous successive halving: rungs at epochs {@code minEpochs * reductionFactor^i}. A trial
 * reaching a rung continues only if its value is among the top 1/{@code reductionFactor} of every
 * trial that reached that epoch, finished or not (Optuna's rule: the k-th best with
 * k = max(0, floor(n / eta) - 1), n counting the trial itself). Between rungs nothing is pruned.
 */
public record AshaPruner(int minEpochs, int reductionFactor, Objective objective) implements Pruner {
    public AshaPruner {
        if (minEpochs < 1) throw new IllegalArgumentException("minEpochs must be >= 1, got " + minEpochs);
        if (reductionFactor < 2) throw new IllegalArgumentException("reductionFactor must be >= 2, got " + reductionFactor);
    }

    /** Whether {@code epoch} is one of minEpochs * eta^i; long arithmetic so large factors cannot overflow. */
    boolean isRung(int epoch) {
        long rung = minEpochs;
        while (rung < epoch) rung *= reductionFactor;
        return rung == epoch;
    }

    @Override
    public Optional<String> prune(int epoch, double value, List<TrialCurve> others) {
        if (!isRung(epoch)) return Optional.empty();
        // A diverged run cannot recover: stop it at the first rung (Optuna does the same).
        if (Double.isNaN(value)) return Optional.of("asha: val NaN at rung epoch " + epoch);
        double[] competitors = others.stream()
                .filter(c -> c.reached(epoch))
                .mapToDouble(c -> c.valueAt(epoch))
                .toArray();
        int n = competitors.length + 1;
        Double[] ranked = new Double[n];
        for (int i = 0; i < competitors.length; i++) ranked[i] = competitors[i];
        ranked[n - 1] = value;
        // Best first; NaN (a diverged run) last.
        Arrays.sort(ranked, (a, b) -> objective.worse(a, b) ? 1 : objective.worse(b, a) ? -1 : 0);
        int k = Math.max(0, n / reductionFactor - 1);
        double threshold = ranked[k];
        if (!objective.worse(value, threshold)) return Optional.empty();
        return Optional.of("asha: val " + Values.format(value) + " not in the top 1/" + reductionFactor
                + " of " + n + " trials at rung epoch " + epoch + " (needed " + (objective.maximize() ? ">= " : "<= ")
                + Values.format(threshold) + ")");
    }
}
