package dev.tuneboard.bench;

import dev.tuneboard.store.LeaderboardQuery;
import dev.tuneboard.store.Store;

/** What the leaderboard page asks the store for: the best 50 trials and the experiment's summary. */
record StoreLeaderboardProbe(Store store, long experimentId, String experimentName, boolean maximize)
        implements LatencyProbe {
    @Override
    public void request() {
        if (store.leaderboard(experimentId, LeaderboardQuery.best(maximize, 50)).isEmpty()) {
            throw new IllegalStateException("empty leaderboard");
        }
        store.summary(experimentName).orElseThrow();
    }
}
