package dev.tuneboard.train;

import dev.tuneboard.trial.TrialStatus;

/**
 * What the trial's owner says after each epoch: go on ({@code ending} null), or end the trial now as
 * {@link TrialStatus#PRUNED} or {@link TrialStatus#STOPPED} (the run is stopping), with the reason.
 */
public record EpochDecision(TrialStatus ending, String reason) {
    public static final EpochDecision CONTINUE = new EpochDecision(null, null);

    public EpochDecision {
        if (ending != null && ending != TrialStatus.PRUNED && ending != TrialStatus.STOPPED) {
            throw new IllegalArgumentException("an epoch can only end a trial as pruned or stopped, not " + ending.key());
        }
    }

    public static EpochDecision prune(String reason) {
        return new EpochDecision(TrialStatus.PRUNED, reason);
    }

    public static EpochDecision stop(String reason) {
        return new EpochDecision(TrialStatus.STOPPED, reason);
    }
}
