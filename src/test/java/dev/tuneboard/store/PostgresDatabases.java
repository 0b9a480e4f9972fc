package dev.tuneboard.store;

import dev.tuneboard.PostgresServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for one test class (a static {@code @RegisterExtension} field) that hands out a fresh,
 * empty database per test: the H2 store tests run unchanged against PostgreSQL by overriding their URL with it.
 */
final class PostgresDatabases implements BeforeAllCallback, AfterAllCallback {
    private final String prefix;
    private final AtomicInteger databases = new AtomicInteger();
    private PostgresServer pg;

    /** {@code prefix}: the databases' names, numbered from 1. */
    PostgresDatabases(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        pg = PostgresServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (pg != null) pg.close();
    }

    /** The JDBC URL of a new database. */
    String fresh() throws Exception {
        String name = prefix + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(pg.url())) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        return pg.url().replace("/postgres?", "/" + name + "?");
    }
}
