package dev.tuneboard.store.jdbc;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Which SQL errors are worth trying again: the server or network went away for a while, or another
 * transaction was in the way. Everything else (constraint violations, bad SQL, auth, a full disk)
 * repeats itself and must fail at once.
 */
final class SqlFaults {
    /** PostgreSQL and standard SQLStates that name a passing condition. */
    private static final Set<String> TRANSIENT_STATES = Set.of(
            "40001",  // serialization_failure (PostgreSQL, H2 deadlock)
            "40P01",  // deadlock_detected
            "57P01",  // admin_shutdown: the server is restarting
            "57P02",  // crash_shutdown
            "57P03",  // cannot_connect_now: the server is starting up
            "53300",  // too_many_connections
            "55P03",  // lock_not_available
            "HYT00"); // H2 lock timeout (also reported as code 50200)

    /** H2 vendor codes: 50200 lock timeout, 90067 connection broken (also "connection refused" on a stopped TCP server),
     *  90098 database closed (the file database was closed under a pooled connection; a new connection reopens it),
     *  90135 database in exclusive mode (a db-server shutting down takes it for its final write; seen in CI). */
    private static final Set<Integer> TRANSIENT_H2_CODES = Set.of(50200, 90067, 90098, 90135, 40001);

    /** H2's "database is already closed" at VM shutdown: from a server process that is shutting down it passes with the
     *  restart (seen in CI while a db-server was stopped); from our own JVM's shutdown it never will. */
    private static final int H2_CLOSED_AT_SHUTDOWN = 90121;

    /** Connection-class SQLStates that are not about the network: a protocol violation will not heal. */
    private static final Set<String> PERSISTENT_CONNECTION_STATES = Set.of("08P01");

    private SqlFaults() {
    }

    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && isTransientOne(s)) return true;
            if (t instanceof java.net.ConnectException || t instanceof java.net.SocketException) return true;
        }
        for (SQLException next = e.getNextException(); next != null; next = next.getNextException()) {
            if (isTransientOne(next)) return true;
        }
        return false;
    }

    /** The connection itself is gone (server stopped or restarted, network down), not just this transaction. */
    static boolean isConnectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) return true;
                if (isH2(s) && (s.getErrorCode() == 90067 || s.getErrorCode() == 90098
                        || s.getErrorCode() == H2_CLOSED_AT_SHUTDOWN)) return true;
                if (s instanceof SQLRecoverableException) return true;
            }
        }
        return false;
    }

    private static boolean isTransientOne(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            if (TRANSIENT_STATES.contains(state)) return true;
            if (state.startsWith("08") && !PERSISTENT_CONNECTION_STATES.contains(state)) return true;
        }
        if (isH2(e) && TRANSIENT_H2_CODES.contains(e.getErrorCode())) return true;
        if (isH2(e) && e.getErrorCode() == H2_CLOSED_AT_SHUTDOWN) return !thisJvmShuttingDown();
        return e instanceof SQLTransientException || e instanceof SQLRecoverableException;
    }

    /** The JDK refuses new shutdown hooks once shutdown has begun; that is the only public way to ask. */
    private static boolean thisJvmShuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
    }

    private static boolean isH2(SQLException e) {
        return e.getClass().getName().startsWith("org.h2.");
    }
}
