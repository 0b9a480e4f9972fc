package dev.tuneboard.app;

import dev.tuneboard.run.Datasets;
import dev.tuneboard.run.ExperimentRunner;
import dev.tuneboard.run.Experiments;
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

/**
 * The composition root: builds Tuneboard's object graph once, for the CLI, the dashboard and tests. The
 * database is opened on first use; what needs no database is {@link Offline}.
 */
public final class Tuneboard implements AutoCloseable {
    private final Path resultsDir;
    private final String dbUrl;
    private final boolean embedded;
    private final Clock clock = Clock.systemUTC();
    private final Offline offline = new Offline();
    private Store store;
    private ExperimentRunner runner;
    private Experiments experiments;

    /** Tuneboard on the store at {@code dbUrl}, or on the embedded H2 file under {@code resultsDir} when null. */
    public Tuneboard(Path resultsDir, String dbUrl) {
        this.resultsDir = resultsDir;
        this.embedded = dbUrl == null;
        this.dbUrl = embedded ? Database.defaultUrl(resultsDir) : dbUrl;
    }

    public synchronized Store store() {
        if (store == null) {
            if (embedded) {
                try {
                    Files.createDirectories(resultsDir);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create " + resultsDir, e);
                }
            }
            JdbcStore jdbc = new JdbcStore(Database.open(dbUrl, System.getenv("TUNEBOARD_DB_USER"),
                    System.getenv("TUNEBOARD_DB_PASSWORD")), clock);
            // Every caller (CLI, dashboard, workers) rides out lock timeouts and a database restart.
            store = new RetryingStore(jdbc, RetryPolicy.SURVIVE_RESTART, clock, d -> Thread.sleep(d.toMillis()),
                    LoggerFactory.getLogger(RetryingStore.class));
        }
        return store;
    }

    public String dbUrl() {
        return dbUrl;
    }

    public SpecLoader specs() {
        return offline.specs();
    }

    public Datasets datasets() {
        return offline.datasets();
    }

    public ArbiterSearchFactory search() {
        return offline.search();
    }

    public synchronized ExperimentRunner runner() {
        if (runner == null) {
            TrialTrainer trainer = new TrialTrainer();
            runner = new ExperimentRunner(store(), offline.search(), trainer, clock, workerName(), ExperimentRunner.DEAD_AFTER,
                    new ProvenanceProbe().read(System.getenv(), trainer.fastPaths(), workerName()));
        }
        return runner;
    }

    public synchronized Experiments experiments() {
        if (experiments == null) experiments = new Experiments(store(), offline.specs(), offline.datasets(), runner());
        return experiments;
    }

    public String workerName() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }

    @Override
    public synchronized void close() {
        if (store != null) store.close();
    }
}
