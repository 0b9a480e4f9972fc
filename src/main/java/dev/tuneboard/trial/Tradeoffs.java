package dev.tuneboard.trial;

/**
 * What an experiment weighs besides its objective: an optional second objective (a cost, so the answer is a
 * Pareto front) and the limits a chosen model must meet. The chosen trial is always the best feasible one on the
 * first objective, ties going to the better second objective: that trial is on the front by construction.
 */
public record Tradeoffs(Objective second, Constraints constraints) {
    public static final Tradeoffs NONE = new Tradeoffs(null, Constraints.NONE);

    public Tradeoffs {
        if (constraints == null) throw new IllegalArgumentException("constraints must not be null (use Constraints.NONE)");
        if (second != null && second.metric().validation()) {
            throw new IllegalArgumentException("the second objective must be a cost (latency_ms or parameters), not " + second.metric().key());
        }
    }

    public boolean twoObjectives() {
        return second != null;
    }
}
