package dev.tuneboard.train;

import dev.tuneboard.data.Splits;

/** Trains one trial. {@link TrialTrainer} is the DL4J implementation; the runner only knows this. */
public interface Trainer {
    TrialOutcome train(TrialPlan plan, Splits data, EpochListener listener);

    /** Which faster stand-ins for DL4J's own classes training uses ("none" when plain DL4J): for provenance. */
    default String fastPaths() {
        return "none";
    }
}
