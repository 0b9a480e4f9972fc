package dev.tuneboard.store.jdbc;

import dev.tuneboard.store.RetryPolicy;
import dev.tuneboard.store.StoreException;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.store.NewExperiment;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A worker started while its database is briefly down waits for it instead of failing at once. */
class DatabaseOpenRetryTest {
    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void opening_while_the_h2_server_is_not_up_yet_waits_for_it() throws Exception {
        int port = freePort();
        String url = "jdbc:h2:tcp://localhost:" + port + "/tuneboard";
        long t0 = System.nanoTime();
        CompletableFuture<Database> opening = CompletableFuture.supplyAsync(() -> Database.open(url, null, null));
        Thread.sleep(3000);
        Server server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", dir.toString(), "-ifNotExists").start();
        try (JdbcStore store = new JdbcStore(opening.get(30, TimeUnit.SECONDS), Clock.systemUTC())) {
            assertTrue(System.nanoTime() - t0 >= Duration.ofSeconds(3).toNanos(), "it waited for the server");
            store.create(new NewExperiment("after-wait", "name: after-wait\n", "a", "b", Objective.VAL_ACCURACY, 1, 1));
            assertTrue(store.find("after-wait").isPresent());
        } finally {
            server.stop();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void a_database_that_stays_down_fails_after_the_bound_with_a_clear_error() throws Exception {
        int port = freePort();
        String url = "jdbc:h2:tcp://localhost:" + port + "/tuneboard";
        RetryPolicy twoSeconds = new RetryPolicy(100, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2));
        long t0 = System.nanoTime();
        StoreException e = assertThrows(StoreException.class, () -> Database.open(url, null, null, twoSeconds));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds >= 1.0 && seconds < 10, "bounded: " + seconds + " s");
        assertTrue(e.getMessage().contains(url) && e.getMessage().contains("not reachable") && e.getMessage().contains("tries"),
                e.getMessage());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void a_wrong_password_fails_at_once() throws Exception {
        Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", dir.toString(), "-ifNotExists").start();
        try {
            String url = "jdbc:h2:tcp://localhost:" + server.getPort() + "/tuneboard";
            Database.open(url, "sa", "right").close();
            long t0 = System.nanoTime();
            StoreException e = assertThrows(StoreException.class, () -> Database.open(url, "sa", "wrong"));
            assertTrue((System.nanoTime() - t0) / 1e9 < 5, "no retries for a persistent fault");
            assertEquals(false, e.transientFault(), e.getMessage());
        } finally {
            server.stop();
        }
    }
}
