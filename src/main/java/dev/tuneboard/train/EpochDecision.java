package dev.tuneboard.train;

/** What the trial's owner says after each epoch: go on, or stop early (pruned, or the run is stopping). */
public record EpochDecision(Kind kind, String reason) {
    public enum Kind { CONTINUE, PRUNE, STOP }

    public static final EpochDecision CONTINUE = new EpochDecision(Kind.CONTINUE, null);

    public static EpochDecision prune(String reason) {
        return new EpochDecision(Kind.PRUNE, reason);
    }

    public static EpochDecision stop(String reason) {
        return new EpochDecision(Kind.STOP, reason);
    }
}
