package dev.tuneboard.store;

import dev.tuneboard.store.jdbc.Database;
import dev.tuneboard.store.jdbc.JdbcStore;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.TestReport;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Cached leaderboard pages and counts follow every start and finish, also those written by another process. */
class LeaderboardCacheTest {
    @TempDir
    Path dir;

    @Test
    void pages_and_counts_follow_finishes_from_another_store_whose_clock_is_behind() {
        String url = Database.defaultUrl(dir);
        try (JdbcStore reader = new JdbcStore(Database.open(url, null, null), Clock.systemUTC());
             JdbcStore other = new JdbcStore(Database.open(url, null, null), Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)))) {
            long id = reader.create(new NewExperiment("cached-board", "name: cached-board\n", "s", "d", Objective.VAL_ACCURACY,
                    4, 2)).id();
            TrialRecord first = other.start(id, 0, 1, Map.of("x", 1), new double[] {0.1}, 1, "w");
            finish(other, first, 0.80);
            LeaderboardQuery best = new LeaderboardQuery("objective", true, Set.of(), 0, 10);
            assertEquals(List.of(0), numbers(reader.leaderboard(id, best)));
            assertEquals(1, reader.count(id, Set.of(TrialStatus.COMPLETED)));

            TrialRecord second = other.start(id, 1, 1, Map.of("x", 2), new double[] {0.2}, 2, "w");
            assertEquals(List.of(0, 1), numbers(reader.leaderboard(id, best)), "a started trial appears (sorted last)");
            other.recordEpoch(second.id(), new EpochMetrics(1, 0.3, 0.2, 0.95, 1, 100));
            assertEquals(1, reader.leaderboard(id, best).get(1).epochsDone(), "a page with a running trial is read fresh");
            finish(other, second, 0.95);
            assertEquals(List.of(1, 0), numbers(reader.leaderboard(id, best)), "its finish re-orders the cached page");
            assertEquals(2, reader.count(id, Set.of(TrialStatus.COMPLETED)));
        }
    }

    @Test
    void a_page_with_its_count_reads_the_summary_marker_once() throws Exception {
        try (JdbcStore store = new JdbcStore(Database.open(Database.defaultUrl(dir), null, null), Clock.systemUTC());
             Connection c = store.database().connection()) {
            long id = store.create(new NewExperiment("one-marker", "name: one-marker\n", "s", "d", Objective.VAL_ACCURACY, 4, 2)).id();
            finish(store, store.start(id, 0, 1, Map.of("x", 1), new double[] {0.1}, 1, "w"), 0.8);
            LeaderboardQuery best = new LeaderboardQuery("objective", true, Set.of(TrialStatus.COMPLETED), 0, 10);
            c.createStatement().execute("SET QUERY_STATISTICS TRUE");
            LeaderboardPage page = store.page(id, best);
            assertEquals(List.of(0), numbers(page.rows()));
            assertEquals(1, page.total());
            // Measured by H2 itself: the marker query ran once for the page and its count together.
            assertEquals(1, markerReads(c), "summary-marker queries for one page and its count");
            page = store.page(id, best);
            assertEquals(2, markerReads(c), "and once again on the next (cached) page");
            assertEquals(1, page.total());
        }
    }

    private static long markerReads(Connection c) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT SUM(EXECUTION_COUNT) FROM INFORMATION_SCHEMA.QUERY_STATISTICS "
                + "WHERE SQL_STATEMENT LIKE 'SELECT COUNT(*), COUNT(finished_at), MAX(finished_at) FROM trials%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Integer> numbers(List<TrialRecord> page) {
        return page.stream().map(TrialRecord::number).toList();
    }

    private static void finish(JdbcStore store, TrialRecord t, double accuracy) {
        store.finish(t.id(), TrialStatus.COMPLETED, new TrialStore.TrialResult(accuracy, 0.3, accuracy,
                new TestReport(accuracy, 0.3, new int[10][10], List.of()), new byte[] {1}, 1, 1.0, 100, null));
    }
}
