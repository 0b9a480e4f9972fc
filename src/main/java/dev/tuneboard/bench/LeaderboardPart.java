package dev.tuneboard.bench;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.data.Splits;
import dev.tuneboard.run.ExperimentRunner;
import dev.tuneboard.run.RunListener;
import dev.tuneboard.run.StopSignal;
import dev.tuneboard.spec.ExperimentSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Leaderboard latency under load: an H2 file holding {@code boardTrials} finished trials is queried
 * while a search of the reference net trains in the same process ({@code parallelism} trials at once)
 * and writes its epochs to the same database.
 */
final class LeaderboardPart implements Part {
    @Override
    public PartResult run(PartOptions o) throws Exception {
        Path dir = Files.createTempDirectory("tuneboard-bench-board");
        ExecutorService background = Executors.newSingleThreadExecutor();
        StopSignal stop = new StopSignal();
        try (Tuneboard app = Tuneboard.open(dir, null)) {
            long t0 = System.nanoTime();
            long id = TrialFixtures.fill(app.store(), "board", o.boardTrials(), 7);
            double fillSeconds = (System.nanoTime() - t0) / 1e9;
            Splits data = Tuneboard.dataLoader().load(o.dataDir(), o.validation(), o.trainLimit(), o.testLimit(), 1234);
            ExperimentSpec spec = Tuneboard.specLoader().parse(ReferenceNet.spec("busy", o), "busy");
            ExperimentRunner runner = app.runner();
            var experiment = runner.prepare(spec, data.dataHash());
            Future<?> search = background.submit(() -> runner.run(spec, experiment, data, RunListener.SILENT, stop));
            Thread.sleep(1000);   // let the trials start training before the clock does
            LatencyProbe probe = new StoreLeaderboardProbe(app.store(), id, "board", true);
            Latency latency = new LatencyMeter(Duration.ofMillis(5), 20)
                    .measure(probe, Duration.ofMillis((long) (o.seconds() * 1000)));
            boolean training = !search.isDone();
            stop.stop("benchmark over");
            search.get();
            return new PartResult("leaderboard", o.threads(), o.parallelism(), Map.of(
                    "p50_ms", latency.p50Ms(), "p99_ms", latency.p99Ms(), "max_ms", latency.maxMs(),
                    "requests", (double) latency.count(), "failures", (double) latency.failures(),
                    "stored_trials", (double) o.boardTrials(), "fill_seconds", fillSeconds,
                    "trained_throughout", training ? 1.0 : 0.0));
        } finally {
            stop.stop("benchmark over");
            background.shutdownNow();
            SearchPart.deleteTree(dir);
        }
    }
}
