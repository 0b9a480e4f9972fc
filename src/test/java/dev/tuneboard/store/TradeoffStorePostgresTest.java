package dev.tuneboard.store;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same costs, limits and hardest images against a real PostgreSQL server, a fresh database per test. */
@Timeout(300)
class TradeoffStorePostgresTest extends TradeoffStoreTest {
    @RegisterExtension
    static final PostgresDatabases PG = new PostgresDatabases("tradeoffs");

    @Override
    protected String url() throws Exception {
        return PG.fresh();
    }
}
