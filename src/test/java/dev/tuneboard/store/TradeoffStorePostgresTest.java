package dev.tuneboard.store;

import dev.tuneboard.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.atomic.AtomicInteger;

/** The same costs, limits and hardest images against a real PostgreSQL server, a fresh database per test. */
@Timeout(300)
class TradeoffStorePostgresTest extends TradeoffStoreTest {
    static PostgresServer pg;
    static final AtomicInteger DATABASES = new AtomicInteger();

    @BeforeAll
    static void startServer() throws Exception {
        pg = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        pg.close();
    }

    @Override
    protected String url() throws Exception {
        String name = "tradeoffs" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(pg.url())) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        return pg.url().replace("/postgres?", "/" + name + "?");
    }
}
