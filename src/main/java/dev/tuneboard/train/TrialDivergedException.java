package dev.tuneboard.train;

import dev.tuneboard.trial.EpochMetrics;
import java.util.List;

/** The loss became NaN or infinite; the curve up to then is kept so users can see where. */
public class TrialDivergedException extends RuntimeException {
    private final List<EpochMetrics> epochs;

    public TrialDivergedException(String message, List<EpochMetrics> epochs) {
        super(message);
        this.epochs = List.copyOf(epochs);
    }

    public List<EpochMetrics> epochs() {
        return epochs;
    }
}
