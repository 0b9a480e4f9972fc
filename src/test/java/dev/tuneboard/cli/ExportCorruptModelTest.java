package dev.tuneboard.cli;

import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.LeaderboardQuery;
import dev.tuneboard.store.jdbc.Database;
import dev.tuneboard.store.jdbc.JdbcStore;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model BLOB damaged in the database: `export` says which trial and that its model is unreadable, and writes nothing. */
class ExportCorruptModelTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void export_of_a_garbage_model_blob_exits_1_naming_the_trial_and_leaves_out_untouched() throws Exception {
        Path results = CliTest.runQuietly(dir, "corrupt", CliTest.tinySpec("corrupt", 1000, 200, 200, 1, 9));

        TrialRecord best;
        try (JdbcStore store = new JdbcStore(Database.open(Database.defaultUrl(results), null, null), Clock.systemUTC())) {
            ExperimentRecord e = store.find("corrupt").orElseThrow();
            best = store.leaderboard(e.id(), new LeaderboardQuery("objective", true, Set.of(TrialStatus.COMPLETED), 0, 1)).get(0);
            try (Connection c = store.database().connection();
                 PreparedStatement ps = c.prepareStatement("UPDATE trial_models SET model = ? WHERE trial_id = ?")) {
                ps.setBytes(1, "not a zip at all, just garbage bytes".getBytes(StandardCharsets.UTF_8));
                ps.setLong(2, best.id());
                assertEquals(1, ps.executeUpdate());
            }
        }

        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("model.zip"), "an earlier export");
        CliTest.Result export = CliTest.cli("export", "corrupt", "--out", out.toString(), "--results", results.toString());
        assertEquals(1, export.code(), export.out() + export.err());
        assertTrue(export.err().contains("the stored model of trial " + best.number()) && export.err().contains("unreadable")
                && export.err().contains("experiment 'corrupt'"), export.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(out.resolve("model.zip")), files.toList(), "no card, no temp files");
        }
        assertEquals("an earlier export", Files.readString(out.resolve("model.zip")), "the earlier export is untouched");

        Path fresh = dir.resolve("fresh");
        CliTest.Result again = CliTest.cli("export", "corrupt", "--out", fresh.toString(), "--results", results.toString());
        assertEquals(1, again.code(), again.err());
        assertTrue(!Files.exists(fresh), "--out not even created");
    }
}
