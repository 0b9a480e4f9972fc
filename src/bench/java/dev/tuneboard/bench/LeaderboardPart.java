package dev.tuneboard.bench;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.data.Splits;
import dev.tuneboard.run.ExperimentRunner;
import dev.tuneboard.run.RunListener;
import dev.tuneboard.run.StopSignal;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.store.LeaderboardQuery;
import dev.tuneboard.store.jdbc.Database;
import dev.tuneboard.store.jdbc.JdbcStore;
import dev.tuneboard.web.DashboardServer;
import io.javalin.Javalin;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The dashboard at scale: an H2 file holding {@code boardTrials} finished trials of one experiment is
 * served by the real DashboardServer on a loopback port while a search of the reference net trains in
 * the same process ({@code parallelism} trials at once) and writes its epochs to the same database.
 * Measured over real HTTP, one request at a time: the leaderboard page, the experiment page (chart
 * aggregates), the experiment list; then claims on the big experiment; then {@code loadClients}
 * concurrent clients for {@code loadSeconds}.
 */
final class LeaderboardPart implements Part {
    private static final String BOARD = "board";

    @Override
    public PartResult run(PartOptions o) throws Exception {
        Path dir = Files.createTempDirectory("tuneboard-bench-board");
        ExecutorService background = Executors.newSingleThreadExecutor();
        StopSignal stop = new StopSignal();
        Javalin web = null;
        long t0 = System.nanoTime();
        fill(dir, o);
        double fillSeconds = (System.nanoTime() - t0) / 1e9;
        try (Tuneboard app = new Tuneboard(dir, null)) {
            long id = app.store().find(BOARD).orElseThrow().id();
            Splits data = new DigitDataLoader(new IdxReader()).load(o.dataDir(), o.validation(), o.trainLimit(), o.testLimit(), 1234);
            ExperimentSpec spec = app.specs().parse(ReferenceNet.spec("busy", o), "busy");
            ExperimentRunner runner = app.runner();
            var experiment = runner.prepare(spec, data.dataHash());
            Future<?> search = background.submit(() -> runner.run(spec, experiment, data, RunListener.SILENT, stop));
            DashboardServer dashboard = new DashboardServer(app.experiments(), DashboardServer.Options.defaults());
            web = dashboard.create().start("127.0.0.1", 0);
            String base = "http://127.0.0.1:" + web.port() + "/api/";
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long someTrial = app.store().leaderboard(id, LeaderboardQuery.best(true, 1)).get(0).id();
            URI board = URI.create(base + "experiments/" + BOARD + "/trials?limit=50");
            URI deep = URI.create(base + "experiments/" + BOARD + "/trials?sort=val_accuracy&status=completed&offset="
                    + o.boardTrials() / 2 + "&limit=50");
            URI page = URI.create(base + "experiments/" + BOARD);
            URI list = URI.create(base + "experiments");
            URI trial = URI.create(base + "trials/" + someTrial);
            Thread.sleep(1000);   // let the trials start training before the clock does

            Duration each = Duration.ofMillis((long) (o.seconds() * 1000));
            LatencyMeter meter = new LatencyMeter(Duration.ofMillis(5), 20);
            Map<String, Double> m = new LinkedHashMap<>();
            put(m, "", meter.measure(new HttpProbe(http, board), each));
            put(m, "deep_page_", meter.measure(new HttpProbe(http, deep), each));
            put(m, "experiment_", meter.measure(new HttpProbe(http, page), each));
            put(m, "list_", meter.measure(new HttpProbe(http, list), each));
            put(m, "trial_", meter.measure(new HttpProbe(http, trial), each));
            put(m, "claim_", new ClaimProbe(app.store(), id).measure(each, 5));
            Latency load = new LoadTest(http, List.of(board, page, list, deep, trial), o.loadClients(),
                    Duration.ofMillis((long) (o.loadSeconds() * 1000))).run();
            put(m, "load_", load);
            m.put("load_clients", (double) o.loadClients());
            m.put("load_seconds", o.loadSeconds());
            m.put("load_requests_per_s", load.count() / o.loadSeconds());
            boolean training = !search.isDone();
            stop.stop("benchmark over");
            search.get();
            m.put("stored_trials", (double) o.boardTrials());
            m.put("fill_seconds", fillSeconds);
            m.put("trained_throughout", training ? 1.0 : 0.0);
            dashboard.close();
            return new PartResult("leaderboard", o.threads(), o.parallelism(), m);
        } finally {
            stop.stop("benchmark over");
            if (web != null) web.stop();
            background.shutdownNow();
            SearchPart.deleteTree(dir);
        }
    }

    /** The filled H2 file in {@code dir}: copied from the fill cache when it holds one, filled (and cached) otherwise. */
    private static void fill(Path dir, PartOptions o) throws Exception {
        Path db = dir.resolve("tuneboard.mv.db");
        Path cached = o.fillCache() == null ? null : o.fillCache().resolve("board-" + o.boardTrials() + ".mv.db");
        if (cached != null && Files.isRegularFile(cached)) {
            Files.copy(cached, db);
            return;
        }
        // Filled in large transactions (TrialFixtures), then reopened with the settings every Tuneboard process uses.
        try (Database filling = Database.open(Database.defaultUrl(dir), null, null)) {
            TrialFixtures.fill(new JdbcStore(filling, Clock.systemUTC()), filling, BOARD, o.boardTrials(), 7);
        }
        if (cached != null) {
            Files.createDirectories(o.fillCache());
            Path partial = Files.createTempFile(o.fillCache(), "board-", ".part");
            Files.copy(db, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, cached, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void put(Map<String, Double> m, String prefix, Latency l) {
        m.put(prefix + "p50_ms", l.p50Ms());
        m.put(prefix + "p99_ms", l.p99Ms());
        m.put(prefix + "max_ms", l.maxMs());
        m.put(prefix + "requests", (double) l.count());
        m.put(prefix + "failures", (double) l.failures());
    }
}
