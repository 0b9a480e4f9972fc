package dev.tuneboard.store.jdbc;

import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.ExperimentStatus;
import dev.tuneboard.store.NewExperiment;
import dev.tuneboard.store.StoreException;
import dev.tuneboard.trial.Objective;
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
        return new NewExperiment(name, "name: " + name + "\n", "a".repeat(64), "b".repeat(64), Objective.VAL_ACCURACY, 4, 2);
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
    void a_database_closed_by_a_server_shutting_down_is_transient_and_drops_the_pool() {
        // What CI's client saw while the db-server's shutdown hook closed the database (code 90121).
        java.sql.SQLException closing = org.h2.message.DbException.get(org.h2.api.ErrorCode.DATABASE_CALLED_AT_SHUTDOWN)
                .getSQLException();
        assertEquals(90121, closing.getErrorCode());
        assertTrue(SqlFaults.isTransient(closing), closing.getMessage());
        assertTrue(SqlFaults.isConnectionLost(closing), closing.getMessage());
        java.sql.SQLException syntax = org.h2.message.DbException.get(org.h2.api.ErrorCode.SYNTAX_ERROR_1, "x").getSQLException();
        assertFalse(SqlFaults.isTransient(syntax), syntax.getMessage());
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

    @Test
    @Timeout(120)
    void every_error_a_client_sees_while_a_db_server_process_shuts_down_is_transient() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("db-server.log");
        Process server = dev.tuneboard.ChildJvm.start(log, "db-server", "--port", String.valueOf(port), "--results", dir.toString());
        try {
            long deadline = System.currentTimeMillis() + 30_000;
            while (!java.nio.file.Files.exists(log) || !java.nio.file.Files.readString(log).contains("H2 TCP server on port")) {
                assertTrue(server.isAlive() && System.currentTimeMillis() < deadline, "db-server did not start");
                Thread.sleep(50);
            }
            try (JdbcStore store = new JdbcStore(Database.open("jdbc:h2:tcp://localhost:" + port + "/tuneboard", null, null),
                    Clock.systemUTC())) {
                ExperimentRecord e = store.create(spec("busy"));
                java.util.Queue<StoreException> seen = new java.util.concurrent.ConcurrentLinkedQueue<>();
                java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Thread t = new Thread(() -> {
                        while (!stop.get()) {
                            try {
                                store.setStatus(e.id(), ExperimentStatus.RUNNING, null);
                                store.list();
                            } catch (StoreException fault) {
                                seen.add(fault);
                            }
                        }
                    });
                    t.start();
                    threads.add(t);
                }
                Thread.sleep(500);
                server.destroy();   // SIGTERM: the server's shutdown hooks close sessions and the database
                server.waitFor();
                Thread.sleep(500);
                stop.set(true);
                for (Thread t : threads) t.join();
                assertTrue(!seen.isEmpty(), "the shutdown was seen");
                List<String> persistent = seen.stream().filter(f -> !f.transientFault()).map(Throwable::getMessage).distinct().toList();
                assertEquals(List.of(), persistent, "errors classified persistent while the server shut down");
            }
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    @Timeout(60)
    void replacing_the_pool_while_other_threads_take_connections_never_throws_past_the_store() throws Exception {
        try (JdbcStore store = new JdbcStore(Database.open(Database.defaultUrl(dir), null, null), Clock.systemUTC())) {
            store.create(spec("race"));
            java.util.Queue<Throwable> escaped = new java.util.concurrent.ConcurrentLinkedQueue<>();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            store.find("race");
                        } catch (StoreException expected) {
                            // a store fault is what callers handle
                        } catch (RuntimeException e) {
                            escaped.add(e);
                        }
                    }
                });
                t.start();
                threads.add(t);
            }
            // What a lost connection does (JdbcStore.fault): the pool is swapped under the other threads.
            for (int i = 0; i < 300; i++) {
                store.database().connectionFailed(new java.sql.SQLException("lost", "08006"));
                Thread.sleep(2);
            }
            stop.set(true);
            for (Thread t : threads) t.join();
            assertEquals(List.of(), escaped.stream().map(Throwable::toString).distinct().toList());
        }
    }
}
