package dev.tuneboard.run;

import dev.tuneboard.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The same three-worker run against a real PostgreSQL server: same migrations, same SQL. */
class ManyWorkersPostgresTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void three_workers_on_postgresql_run_every_trial_exactly_once_and_recover_a_killed_worker() throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            ManyWorkersTest.threeWorkersOneKilled(pg.url(), dir);
        }
    }
}
