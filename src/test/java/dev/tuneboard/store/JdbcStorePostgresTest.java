package dev.tuneboard.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The same store contract against a real PostgreSQL server, a fresh database per test. */
class JdbcStorePostgresTest extends JdbcStoreTest {
    @RegisterExtension
    static final PostgresDatabases PG = new PostgresDatabases("contract");

    @Override
    protected String url() throws Exception {
        return PG.fresh();
    }
}
