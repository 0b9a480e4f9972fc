package dev.tuneboard.run;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.data.Splits;
import dev.tuneboard.search.Observation;
import dev.tuneboard.search.Sampler;
import dev.tuneboard.search.SearchFactory;
import dev.tuneboard.search.SearchSpace;
import dev.tuneboard.search.arbiter.ArbiterSearchFactory;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.ExperimentStatus;
import dev.tuneboard.train.TrialTrainer;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The README's first command once failed on a cold JVM: the claim held the experiment row lock while the
 * sampler was built (class loading, TPE over all trials), and the other worker thread's claim hit H2's lock
 * timeout, which failed the whole experiment. Here every sampler takes longer to build than that timeout.
 */
class ClaimUnderLoadTest {
    @TempDir
    Path results;

    /** A sampler as slow to build as one on a cold JVM (measured: up to ~3 s for the first TPE claim). */
    record SlowSampling(SearchFactory inner, long millis) implements SearchFactory {
        @Override
        public SearchSpace space(ExperimentSpec spec) {
            return inner.space(spec);
        }

        @Override
        public Sampler sampler(ExperimentSpec spec, SearchSpace space, List<Observation> history, int alreadyProposed) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.sampler(spec, space, history, alreadyProposed);
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void slow_sampler_builds_never_time_out_a_parallel_claim() throws Exception {
        try (Tuneboard app = new Tuneboard(results, null)) {
            ExperimentSpec spec = new dev.tuneboard.spec.SpecLoader().parse(
                    EndToEndRunTest.spec("slow-claims", 6, 1, "tpe", ""), "slow-claims.yaml");
            Splits data = new DigitDataLoader(new IdxReader()).load(Path.of("data/mnist"), 500, 2000, 1000, 1234);
            ExperimentRunner runner = new ExperimentRunner(app.store(), new SlowSampling(new ArbiterSearchFactory(784, 10), 2500),
                    new TrialTrainer(), Clock.systemUTC(), app.workerName());
            ExperimentRecord e = runner.prepare(spec, data.dataHash());
            RunReport report = runner.run(spec, e, data, RunListener.SILENT, new StopSignal());

            assertEquals(ExperimentStatus.COMPLETED, report.status(), () -> "stop reason: " + report.stopReason());
            Map<Integer, Long> completedPerNumber = new TreeMap<>();
            for (TrialRecord t : app.store().all(e.id())) {
                if (t.status() == TrialStatus.COMPLETED) completedPerNumber.merge(t.number(), 1L, Long::sum);
            }
            assertEquals(6, completedPerNumber.size(), "every trial number completed: " + completedPerNumber);
            completedPerNumber.forEach((n, c) -> assertEquals(1L, c, "trial " + n + " completed once"));
        }
    }
}
