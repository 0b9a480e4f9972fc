package dev.tuneboard.store;

import dev.tuneboard.store.jdbc.Database;
import dev.tuneboard.store.jdbc.JdbcStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

/**
 * A fresh {@link JdbcStore} per test on a real H2 file database; a subclass runs the same tests against another
 * backend by overriding {@link #url()} (PostgreSQL: {@link PostgresDatabases}).
 */
abstract class JdbcStoreFixture {
    @TempDir
    Path dir;
    JdbcStore store;

    /** The database under test. */
    protected String url() throws Exception {
        return Database.defaultUrl(dir);
    }

    @BeforeEach
    void open() throws Exception {
        store = new JdbcStore(Database.open(url(), null, null), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        store.close();
    }
}
