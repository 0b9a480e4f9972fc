package dev.tuneboard.search.pruning;

import dev.tuneboard.trial.Objective;

import java.util.List;
import java.util.Optional;

/**
 * Optuna's median rule: after {@code warmupEpochs}, stop a trial whose value at this epoch is
 * strictly worse than the median of finished trials at the same epoch, once at least
 * {@code minTrials} finished trials reached it. Unfinished trials are left out: their curves are
 * still moving and would make the rule depend on scheduling.
 */
public record MedianPruner(int warmupEpochs, int minTrials, Objective objective) implements Pruner {
    public MedianPruner {
        if (warmupEpochs < 0) throw new IllegalArgumentException("warmupEpochs must be >= 0, got " + warmupEpochs);
        if (minTrials < 1) throw new IllegalArgumentException("minTrials must be >= 1, got " + minTrials);
    }

    @Override
    public Optional<String> prune(int epoch, double value, List<TrialCurve> others) {
        if (epoch <= warmupEpochs) return Optional.empty();
        double[] peers = others.stream()
                .filter(c -> c.finished() && c.reached(epoch) && !Double.isNaN(c.valueAt(epoch)))
                .mapToDouble(c -> c.valueAt(epoch))
                .sorted()
                .toArray();
        if (peers.length < minTrials) return Optional.empty();
        double median = median(peers);
        if (!objective.worse(value, median)) return Optional.empty();
        return Optional.of("median rule: val " + Values.format(value) + (objective.maximize() ? " below" : " above")
                + " median " + Values.format(median) + " of " + peers.length + " trials at epoch " + epoch);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
