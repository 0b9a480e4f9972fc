package dev.tuneboard.store.jdbc;

import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.ExperimentStatus;
import dev.tuneboard.store.NewExperiment;
import dev.tuneboard.store.StoreException;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real H2 faults, as JdbcStore classifies them, and what the connection pool does after a server restart. */
@Timeout(60)
class JdbcFaultsTest {
    @TempDir
    Path dir;

    private static NewExperiment spec(String name) {
        return new NewExperiment(name, "name: " + name + "\n", "a".repeat(64), "b".repeat(64), "val_accuracy", "maximize", 4, 2);
    }

    @Test
    void a_lock_timeout_is_transient_and_a_taken_name_is_not() throws Exception {
        try (JdbcStore store = new JdbcStore(Database.open(Database.defaultUrl(dir) + ";LOCK_TIMEOUT=200", null, null),
                Clock.systemUTC())) {
            ExperimentRecord e = store.create(spec("locked"));
            StoreException taken = assertThrows(StoreException.class, () -> store.create(spec("locked")));
            assertFalse(taken.transientFault(), taken.getMessage());

            try (Connection holder = store.database().connection()) {
                holder.setAutoCommit(false);
                try (PreparedStatement ps = holder.prepareStatement("SELECT id FROM experiments WHERE id = ? FOR UPDATE")) {
                    ps.setLong(1, e.id());
                    ps.executeQuery().next();
                }
                StoreException timeout = assertThrows(StoreException.class,
                        () -> store.setStatus(e.id(), ExperimentStatus.RUNNING, null));
                assertTrue(timeout.getMessage().contains("Timeout trying to lock"), timeout.getMessage());
                assertTrue(timeout.transientFault(), "lock timeout is transient");
                holder.rollback();
            }
            store.setStatus(e.id(), ExperimentStatus.RUNNING, null);
        }
    }

    @Test
    void after_an_h2_tcp_server_restart_one_call_fails_and_the_next_gets_a_fresh_connection() throws Exception {
        Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", dir.toString(), "-ifNotExists").start();
        int port = server.getPort();
        String url = "jdbc:h2:tcp://localhost:" + port + "/tuneboard";
        try (JdbcStore store = new JdbcStore(Database.open(url, null, null), Clock.systemUTC())) {
            store.create(spec("before"));
            // Four connections in use at once, then idle in the pool.
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) held.add(store.database().connection());
            for (Connection c : held) c.close();

            server.stop();
            StoreException down = assertThrows(StoreException.class, () -> store.find("before"));
            assertTrue(down.transientFault(), "server down is transient: " + down.getMessage());

            server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", dir.toString(), "-ifNotExists").start();
            int failures = 0;
            for (int i = 0; i < 6; i++) {
                try {
                    assertTrue(store.find("before").isPresent());
                    break;
                } catch (StoreException e) {
                    assertTrue(e.transientFault(), e.getMessage());
                    failures++;
                }
            }
            assertTrue(failures <= 1, "dead pooled connections are dropped together, not handed out one by one: " + failures);
            assertEquals(1, store.list().size());
        } finally {
            server.stop();
        }
    }
}
