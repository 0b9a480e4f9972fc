package dev.tuneboard.search.pruning;

import java.util.List;
import java.util.Optional;

/**
 * Decides, after each epoch, whether a trial is hopeless enough to stop (Optuna's Pruner).
 * Implementations are immutable, so one instance serves every runner thread.
 */
public interface Pruner {

    /**
     * The reason to stop the trial that reported {@code value} (its objective) at {@code epoch}
     * (1-based), or empty to let it continue; {@code others} are the experiment's other trials.
     */
    Optional<String> prune(int epoch, double value, List<TrialCurve> others);

    /** The same decision for trial {@code trialNumber}; rules that treat trials alike (median, ASHA) ignore it. */
    default Optional<String> prune(int trialNumber, int epoch, double value, List<TrialCurve> others) {
        return prune(epoch, value, others);
    }
}
