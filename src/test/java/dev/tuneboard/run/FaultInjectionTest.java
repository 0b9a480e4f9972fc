package dev.tuneboard.run;

import dev.tuneboard.ChildJvm;
import dev.tuneboard.PostgresServer;
import dev.tuneboard.cli.Main;
import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.data.Splits;
import dev.tuneboard.search.arbiter.ArbiterSearchFactory;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.SpecLoader;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.ExperimentStatus;
import dev.tuneboard.store.FaultyStore;
import dev.tuneboard.store.RetryPolicy;
import dev.tuneboard.store.RetryingStore;
import dev.tuneboard.store.Store;
import dev.tuneboard.store.jdbc.Database;
import dev.tuneboard.store.jdbc.JdbcStore;
import dev.tuneboard.train.TrialTrainer;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import org.h2.tools.Server;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing lost, nothing twice: a real small search on real MNIST while the store fails — injected
 * transient faults before calls and after their commit, and a real database server stopped and
 * restarted under a worker process.
 */
class FaultInjectionTest {
    static final String SPEC = """
            name: NAME
            data: {dir: data/mnist, train_limit: TRAIN, validation: 200, test_limit: 200}
            model:
              hidden_layers:
                - units: {int: [16, 32]}
            training: {learning_rate: {loguniform: [1.0e-3, 5.0e-3]}, batch_size: 32, epochs: EPOCHS}
            search: {algorithm: tpe, trials: 12, parallelism: 2, seed: 11}
            """;
    static final int TRIALS = 12;

    @TempDir
    Path dir;
    static Splits data;

    @BeforeAll
    static void load() throws Exception {
        data = new DigitDataLoader(new IdxReader()).load(Path.of("data/mnist"), 200, 1000, 200, 5);
    }

    static String spec(String name, int train, int epochs) {
        return SPEC.replace("NAME", name).replace("TRAIN", String.valueOf(train)).replace("EPOCHS", String.valueOf(epochs));
    }

    /** Seeded faults, plus a lost reply on the first claim, epoch and finish so those paths are always hit. */
    static final class Plan implements FaultyStore.Plan {
        private final FaultyStore.Plan seeded;
        private final Set<String> forced = ConcurrentHashMap.newKeySet();

        Plan(long seed, double rate) {
            seeded = new FaultyStore.Seeded(seed, rate);
        }

        @Override
        public FaultyStore.Fault next(String method) {
            if (Set.of("claim", "recordEpoch", "finish").contains(method) && forced.add(method)) return FaultyStore.Fault.AFTER;
            return seeded.next(method);
        }
    }

    private void searchWithInjectedFaults(String url) throws Exception {
        ExperimentSpec spec = new SpecLoader().parse(spec("faulty", 1000, 1), "faulty.yaml");
        JdbcStore jdbc = new JdbcStore(Database.open(url, null, null), Clock.systemUTC());
        FaultyStore faulty = new FaultyStore(jdbc, new Plan(42, 0.25));
        try (Store store = new RetryingStore(faulty, new RetryPolicy(50, Duration.ofMillis(20), Duration.ofMillis(500),
                Duration.ofSeconds(30)), Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), LoggerFactory.getLogger("faults"))) {
            ExperimentRunner runner = new ExperimentRunner(store, new ArbiterSearchFactory(784, 10), new TrialTrainer(), Clock.systemUTC(),
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getName());
            ExperimentRecord e = runner.prepare(spec, data.dataHash());
            RunReport report = runner.run(spec, e, data, RunListener.SILENT, new StopSignal());
            System.out.println("injected faults: " + faulty.byMethod());
            assertTrue(faulty.faultsBefore() > 0 && faulty.faultsAfter() >= 3, faulty.byMethod().toString());
            assertTrue(faulty.byMethod().containsKey("claim/after"), "a claim committed but its reply was lost");
            assertEquals(ExperimentStatus.COMPLETED, report.status(), report.toString());
            assertEquals(TRIALS, report.completed(), report.toString());
            everyTrialCompletedExactlyOnce(jdbc, "faulty", 1);
        }
    }

    /** Each trial number 0..11 has exactly one completed attempt, with its curve and model; the experiment completed. */
    static void everyTrialCompletedExactlyOnce(Store store, String name, int epochs) {
        ExperimentRecord e = store.find(name).orElseThrow();
        List<TrialRecord> all = store.all(e.id());
        Map<Integer, List<TrialRecord>> byNumber = all.stream().collect(Collectors.groupingBy(TrialRecord::number));
        assertEquals(TRIALS, byNumber.size(), "trial numbers 0..11: " + all);
        for (var entry : byNumber.entrySet()) {
            List<TrialRecord> completed = entry.getValue().stream().filter(t -> t.status() == TrialStatus.COMPLETED).toList();
            assertEquals(1, completed.size(), "trial " + entry.getKey() + " completed exactly once: " + entry.getValue());
            assertEquals(epochs, store.detail(completed.get(0).id()).orElseThrow().epochs().size(), "curve of " + completed.get(0));
            assertTrue(store.model(completed.get(0).id()).isPresent(), "model of " + completed.get(0));
        }
        assertTrue(all.stream().noneMatch(t -> t.status() == TrialStatus.RUNNING), "nothing left running: " + all);
        assertEquals(ExperimentStatus.COMPLETED, store.find(name).orElseThrow().status());
    }

    @Test
    @Timeout(300)
    void injected_faults_during_a_search_on_h2_lose_and_duplicate_nothing() throws Exception {
        searchWithInjectedFaults(Database.defaultUrl(dir));
    }

    @Test
    @Timeout(300)
    void injected_faults_during_a_search_on_postgresql_lose_and_duplicate_nothing() throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            searchWithInjectedFaults(pg.url());
        }
    }

    /** What the server restart does to a running search, in seconds (printed for the README). */
    record Stall(double down, double firstWriteAfterStop) {
    }

    /**
     * Submits the search, starts a worker process, and once two trials completed calls {@code restart}
     * (stop, wait, start the server); the worker must ride it out and finish every trial.
     */
    private Stall restartMidSearch(String url, Restart restart, String label) throws Exception {
        Path specFile = dir.resolve("restart.yaml");
        Files.writeString(specFile, spec("restart", 2000, 2));
        assertEquals(0, Main.commandLine().execute("submit", specFile.toString(), "--db", url));
        Path log = dir.resolve("worker.log");
        Process worker = ChildJvm.start(log, "worker", "--db", url, "--exit-when-idle");
        try {
            long deadline = System.currentTimeMillis() + 180_000;
            long experimentId;
            try (JdbcStore watch = new JdbcStore(Database.open(url, null, null), Clock.systemUTC())) {
                experimentId = watch.find("restart").orElseThrow().id();
                while (watch.count(experimentId, Set.of(TrialStatus.COMPLETED)) < 2) {
                    assertTrue(System.currentTimeMillis() < deadline, "two trials never completed: " + Files.readString(log));
                    assertTrue(worker.isAlive(), "worker ended early: " + Files.readString(log));
                    Thread.sleep(100);
                }
            }
            long stopped = System.nanoTime();
            double down = restart.run();
            // The first new epoch or trial written after the restart: how long the search stalled.
            double firstWrite;
            try (JdbcStore watch = new JdbcStore(Database.open(url, null, null), Clock.systemUTC())) {
                int epochsBefore = watch.curves(experimentId).values().stream().mapToInt(List::size).sum();
                String fp = watch.fingerprint();
                while (watch.fingerprint().equals(fp)) {
                    assertTrue(System.currentTimeMillis() < deadline, "no progress after the restart: " + Files.readString(log));
                    Thread.sleep(50);
                }
                firstWrite = (System.nanoTime() - stopped) / 1e9;
                assertTrue(epochsBefore >= 0);
            }
            assertTrue(worker.waitFor(180, java.util.concurrent.TimeUnit.SECONDS), "worker did not finish");
            String output = Files.readString(log);
            String error;
            try (JdbcStore check = new JdbcStore(Database.open(url, null, null), Clock.systemUTC())) {
                error = check.find("restart").orElseThrow().error();
            }
            assertEquals(0, worker.exitValue(), output + "\nexperiment error: " + error);
            assertTrue(output.contains("hit a transient fault") && output.contains("recovered after"), output);
            try (JdbcStore check = new JdbcStore(Database.open(url, null, null), Clock.systemUTC())) {
                everyTrialCompletedExactlyOnce(check, "restart", 2);
            }
            Stall stall = new Stall(down, firstWrite);
            System.out.printf("%s restart: server down %.1f s; first write after the stop at %.1f s; worker said: %s%n", label,
                    stall.down(), stall.firstWriteAfterStop(), output.lines().filter(l -> l.contains("store:")).toList());
            return stall;
        } finally {
            worker.destroyForcibly();
        }
    }

    @FunctionalInterface
    interface Restart {
        /** Stops the server, waits, starts it again; returns how long it was down, in seconds. */
        double run() throws Exception;
    }

    /** `tuneboard db-server` in its own process, as a user runs it; stopped with SIGTERM (Ctrl-C, systemd stop). */
    private Process dbServer(Path base, int port, Path log) throws Exception {
        Process p = ChildJvm.start(log, "db-server", "--port", String.valueOf(port), "--results", base.toString());
        long deadline = System.currentTimeMillis() + 30_000;
        while (!Files.exists(log) || !Files.readString(log).contains("H2 TCP server on port")) {
            assertTrue(p.isAlive() && System.currentTimeMillis() < deadline, "db-server did not start: "
                    + (Files.exists(log) ? Files.readString(log) : ""));
            Thread.sleep(50);
        }
        return p;
    }

    @Test
    @Timeout(400)
    void a_worker_rides_out_an_h2_tcp_server_restart_mid_search() throws Exception {
        Path base = dir.resolve("h2");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process[] server = {dbServer(base, port, dir.resolve("db-server-1.log"))};
        try {
            restartMidSearch("jdbc:h2:tcp://localhost:" + port + "/tuneboard", () -> {
                long t0 = System.nanoTime();
                server[0].destroy();
                assertEquals(true, server[0].waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
                Thread.sleep(3000);
                server[0] = dbServer(base, port, dir.resolve("db-server-2.log"));
                return (System.nanoTime() - t0) / 1e9;
            }, "H2 TCP");
        } finally {
            server[0].destroyForcibly();
        }
    }

    @Test
    @Timeout(400)
    void a_worker_rides_out_a_postgresql_restart_mid_search() throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            restartMidSearch(pg.url(), () -> {
                long t0 = System.nanoTime();
                pg.stopServer();
                Thread.sleep(3000);
                pg.startServer();
                return (System.nanoTime() - t0) / 1e9;
            }, "PostgreSQL");
        }
    }
}
