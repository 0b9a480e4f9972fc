package dev.tuneboard.store;

import dev.tuneboard.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.atomic.AtomicInteger;

/** The same store contract against a real PostgreSQL server, a fresh database per test. */
class JdbcStorePostgresTest extends JdbcStoreTest {
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
        String name = "contract" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(pg.url())) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        return pg.url().replace("/postgres?", "/" + name + "?");
    }
}
