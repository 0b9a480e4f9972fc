package dev.tuneboard.store.jdbc;

import dev.tuneboard.store.RetryPolicy;
import dev.tuneboard.store.StoreException;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JDBC database with Tuneboard's schema migrated in by Flyway. H2 (embedded file or TCP server)
 * gets a connection pool; other URLs (PostgreSQL) a connection per use.
 */
public final class Database implements AutoCloseable {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(Database.class);

    private final String url;
    private final DataSource dataSource;
    private final H2Pool pool;
    private final boolean postgres;

    private Database(String url, DataSource dataSource, H2Pool pool) {
        this.url = url;
        this.dataSource = dataSource;
        this.pool = pool;
        this.postgres = url.startsWith("jdbc:postgresql:");
    }

    /** The embedded default: an H2 file under {@code resultsDir}, shareable by a CLI run and a dashboard. */
    public static String defaultUrl(Path resultsDir) {
        // WRITE_DELAY=0: a commit is on disk before the call returns, so a kill -9 or power loss never
        // loses a trial the user already saw as completed (H2 otherwise writes up to a second later).
        return "jdbc:h2:file:" + resultsDir.toAbsolutePath().normalize().resolve("tuneboard") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    /** How long opening waits for a database that is not up yet (a worker started alongside it, a restart). */
    public static final RetryPolicy OPEN_RETRY = new RetryPolicy(1000, Duration.ofMillis(200), Duration.ofSeconds(3),
            Duration.ofSeconds(60));

    /** Opens and migrates, waiting up to {@link #OPEN_RETRY}'s budget while the database is unreachable. */
    public static Database open(String url, String user, String password) {
        return open(url, user, password, OPEN_RETRY);
    }

    /** Transient faults (server not up, restarting, locked) are tried again within {@code policy}; others fail at once. */
    public static Database open(String url, String user, String password, RetryPolicy policy) {
        long start = System.nanoTime();
        for (int tries = 1; ; tries++) {
            Database db;
            if (url.startsWith("jdbc:h2:")) {
                H2Pool pool = new H2Pool(url, user == null ? "sa" : user, password == null ? "" : password);
                db = new Database(url, pool, pool);
            } else {
                db = new Database(url, new DriverManagerSource(url, user, password), null);
            }
            try {
                db.migrate();
                if (tries > 1) LOG.info("database at {} reachable after {} tries", url, tries);
                return db;
            } catch (RuntimeException e) {
                db.close();
                SQLException sql = sqlCause(e);
                if (sql == null || !SqlFaults.isTransient(sql)) {
                    throw new StoreException("cannot prepare the database at " + url + ": " + e.getMessage(), e, false);
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                Duration delay = policy.delay(tries, ThreadLocalRandom.current().nextDouble());
                if (tries >= policy.attempts() || elapsed.plus(delay).compareTo(policy.budget()) > 0) {
                    throw new StoreException("the database at " + url + " was not reachable in " + elapsed.toSeconds() + " s ("
                            + tries + " tries); is it running? Last error: " + sql.getMessage(), e, false);
                }
                if (tries == 1) LOG.warn("database at {} not reachable yet ({}); trying again for up to {} s", url,
                        sql.getMessage(), policy.budget().toSeconds());
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted while waiting for the database at " + url, e, false);
                }
            }
        }
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof SQLException s) return s;
        return null;
    }

    /** Runs Flyway's migrations; a failure leaves the caller to close. */
    private void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of(
                        "blob", postgres ? "BYTEA" : "BLOB",
                        "text", postgres ? "TEXT" : "CLOB"))
                .load()
                .migrate();
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * A store call failed with a transient fault. When the connection itself was lost, H2's pool would
     * hand the other idle connections (dead as well, after a server restart) out again one by one,
     * so it is replaced by a fresh one.
     */
    void connectionFailed(SQLException e) {
        if (pool != null && SqlFaults.isConnectionLost(e)) pool.reset();
    }

    public boolean isPostgres() {
        return postgres;
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        if (pool != null) pool.close();
    }

    /**
     * H2's JdbcConnectionPool recycles a connection whose session broke (it only notices when the
     * connection is next handed out), so after a TCP server restart every idle connection fails
     * once. Swapping in a new pool drops them all at once; connections in use from the old pool
     * are closed, not recycled, when returned.
     */
    private static final class H2Pool extends PlainDataSource {
        private final String url;
        private final String user;
        private final String password;
        private final AtomicReference<JdbcConnectionPool> current = new AtomicReference<>();
        private volatile boolean closed;

        H2Pool(String url, String user, String password) {
            this.url = url;
            this.user = user;
            this.password = password;
            current.set(newPool());
        }

        private JdbcConnectionPool newPool() {
            JdbcConnectionPool pool = JdbcConnectionPool.create(url, user, password);
            pool.setMaxConnections(32);
            return pool;
        }

        void reset() {
            if (closed) return;
            JdbcConnectionPool old = current.getAndSet(newPool());
            old.dispose();
        }

        void close() {
            closed = true;
            current.get().dispose();
        }

        @Override
        public Connection getConnection() throws SQLException {
            while (true) {
                JdbcConnectionPool pool = current.get();
                try {
                    return pool.getConnection();
                } catch (IllegalStateException disposed) {
                    // Another thread replaced this pool between get() and getConnection(): use the new one.
                    if (closed) throw new SQLException("the store is closed", disposed);
                    if (current.get() == pool) throw new SQLException("connection pool disposed", "08003", disposed);
                }
            }
        }

        @Override
        public Connection getConnection(String u, String p) throws SQLException {
            return current.get().getConnection(u, p);
        }
    }

    private static final class DriverManagerSource extends PlainDataSource {
        private final String url;
        private final String user;
        private final String password;

        DriverManagerSource(String url, String user, String password) {
            this.url = url;
            this.user = user;
            this.password = password;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public Connection getConnection(String u, String p) throws SQLException {
            return DriverManager.getConnection(url, u, p);
        }
    }

    /** The parts of {@link DataSource} Tuneboard never uses, once. */
    private abstract static class PlainDataSource implements DataSource {
        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
