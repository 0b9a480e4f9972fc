package dev.tuneboard.store;

import dev.tuneboard.trial.TrialRecord;

import java.util.List;

/** One page of a leaderboard and how many trials match its statuses in all. */
public record LeaderboardPage(List<TrialRecord> rows, int total) {
    public LeaderboardPage {
        rows = List.copyOf(rows);
        if (total < rows.size()) throw new IllegalArgumentException("total " + total + " is less than the page's " + rows.size() + " rows");
    }
}
