package dev.tuneboard.app;

import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.run.ExperimentRunner;
import dev.tuneboard.search.arbiter.ArbiterSearchFactory;
import dev.tuneboard.spec.SpecLoader;
import dev.tuneboard.store.RetryPolicy;
import dev.tuneboard.store.RetryingStore;
import dev.tuneboard.store.Store;
import dev.tuneboard.store.jdbc.Database;
import dev.tuneboard.store.jdbc.JdbcStore;
import dev.tuneboard.train.TrialTrainer;

import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** The composition root: builds Tuneboard's object graph once, for the CLI, the dashboard and tests. */
public final class Tuneboard implements AutoCloseable {
    public static final int INPUTS = 784;
    public static final int CLASSES = 10;

    private final Store store;
    private final Clock clock;
    private final String dbUrl;

    private Tuneboard(Store store, Clock clock, String dbUrl) {
        this.store = store;
        this.clock = clock;
        this.dbUrl = dbUrl;
    }

    /** Opens the store at {@code dbUrl}, or the embedded H2 file under {@code resultsDir} when null. */
    public static Tuneboard open(Path resultsDir, String dbUrl) {
        String url = dbUrl;
        if (url == null) {
            try {
                Files.createDirectories(resultsDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + resultsDir, e);
            }
            url = Database.defaultUrl(resultsDir);
        }
        Clock clock = Clock.systemUTC();
        JdbcStore jdbc = new JdbcStore(Database.open(url, System.getenv("TUNEBOARD_DB_USER"),
                System.getenv("TUNEBOARD_DB_PASSWORD")), clock);
        // Every caller (CLI, dashboard, workers) rides out lock timeouts and a database restart.
        Store store = new RetryingStore(jdbc, RetryPolicy.SURVIVE_RESTART, clock, d -> Thread.sleep(d.toMillis()),
                LoggerFactory.getLogger(RetryingStore.class));
        return new Tuneboard(store, clock, url);
    }

    public Store store() {
        return store;
    }

    public String dbUrl() {
        return dbUrl;
    }

    public ExperimentRunner runner() {
        return new ExperimentRunner(store, new ArbiterSearchFactory(INPUTS, CLASSES), new TrialTrainer(), clock, workerName());
    }

    public static SpecLoader specLoader() {
        return new SpecLoader();
    }

    public static DigitDataLoader dataLoader() {
        return new DigitDataLoader(new IdxReader());
    }

    public static ArbiterSearchFactory searchFactory() {
        return new ArbiterSearchFactory(INPUTS, CLASSES);
    }

    public String workerName() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }

    @Override
    public void close() {
        store.close();
    }
}
