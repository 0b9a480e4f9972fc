package dev.tuneboard.search;

import dev.tuneboard.trial.Objective;

import java.util.Comparator;

/**
 * Best first, as Optuna's TPE ranks trials: completed trials by their value; then pruned trials, those that
 * reached a later rung first and, at the same rung, by their value there; trials without a value last. A value
 * measured after fewer epochs never competes with a final one, so short (pruned) trials still say which regions
 * are bad without passing for good ones.
 */
public record ObservationOrder(Objective objective) implements Comparator<Observation> {
    @Override
    public int compare(Observation a, Observation b) {
        if (a.hasValue() != b.hasValue()) return a.hasValue() ? -1 : 1;
        if (!a.hasValue()) return 0;
        if (a.pruned() != b.pruned()) return a.pruned() ? 1 : -1;
        if (a.pruned() && a.epochs() != b.epochs()) return Integer.compare(b.epochs(), a.epochs());
        double x = a.objective();
        double y = b.objective();
        return objective.better(x, y) ? -1 : objective.better(y, x) ? 1 : 0;
    }
}
