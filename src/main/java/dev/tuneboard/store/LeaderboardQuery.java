package dev.tuneboard.store;

import dev.tuneboard.trial.Constraints;
import dev.tuneboard.trial.TrialStatus;
import java.util.Set;

/**
 * Which trials, in what order, which page. Sorting happens in SQL; {@code sortBy} is one of
 * {@link #SORTABLE} so no request text reaches the SQL. {@code feasibleUnder}: only trials meeting these limits
 * ({@link Constraints#NONE}: all).
 */
public record LeaderboardQuery(String sortBy, boolean descending, Set<TrialStatus> statuses, int offset, int limit,
                               Constraints feasibleUnder) {
    public static final Set<String> SORTABLE = Set.of("objective", "number", "val_accuracy", "val_loss",
            "test_accuracy", "seconds", "epochs_done", "status", "started_at");

    public LeaderboardQuery {
        if (!SORTABLE.contains(sortBy)) throw new IllegalArgumentException("cannot sort by " + sortBy + "; expected one of " + SORTABLE);
        if (offset < 0 || limit < 1 || limit > 10_000) throw new IllegalArgumentException("page out of range");
        statuses = Set.copyOf(statuses);
        if (feasibleUnder == null) feasibleUnder = Constraints.NONE;
    }

    /** Every trial, feasible or not. */
    public LeaderboardQuery(String sortBy, boolean descending, Set<TrialStatus> statuses, int offset, int limit) {
        this(sortBy, descending, statuses, offset, limit, Constraints.NONE);
    }

    /** Only the trials that meet {@code limits} (an unmeasured trial meets no limit). */
    public LeaderboardQuery feasibleOnly(Constraints limits) {
        return new LeaderboardQuery(sortBy, descending, statuses, offset, limit, limits);
    }

    /** Best first by the objective's own direction. */
    public static LeaderboardQuery best(boolean maximize, int limit) {
        return new LeaderboardQuery("objective", maximize, Set.of(), 0, limit);
    }
}
