package dev.tuneboard.store;

import dev.tuneboard.store.jdbc.Database;
import dev.tuneboard.store.jdbc.JdbcStore;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.TrialRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the wrapper costs when nothing fails: one delegate call per store call (no extra reads), and
 * the time per call next to the bare store (printed; measured on a real H2 file).
 */
class RetryingStoreCostTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void without_faults_the_wrapper_adds_no_database_calls_and_no_measurable_time() {
        try (JdbcStore jdbc = new JdbcStore(Database.open(Database.defaultUrl(dir), null, null), Clock.systemUTC())) {
            AtomicInteger calls = new AtomicInteger();
            FaultyStore counting = new FaultyStore(jdbc, method -> {
                calls.incrementAndGet();
                return FaultyStore.Fault.NONE;
            });
            RetryingStore wrapped = new RetryingStore(counting, RetryPolicy.SURVIVE_RESTART, Clock.systemUTC(),
                    d -> Thread.sleep(d.toMillis()), new RecordingLogger());
            ExperimentRecord e = wrapped.create(new NewExperiment("cost", "name: cost\n", "a".repeat(64), "b".repeat(64),
                    Objective.VAL_ACCURACY, 1000, 2));
            TrialRecord t = wrapped.claim(e.id(), "1@h", trials -> new TrialStore.Claim(List.of(), "",
                    new TrialStore.NewAttempt(0, 1, Map.of("x", 1), new double[] {0.5}, 1))).orElseThrow();
            assertEquals(2, calls.get(), "create and claim: one delegate call each");

            wrapped.recordEpoch(t.id(), new EpochMetrics(1, 0.5, 0.4, 0.8, 1.0, 100));
            wrapped.recordEpoch(t.id(), new EpochMetrics(1, 0.5, 0.4, 0.8, 1.0, 100));
            assertEquals(1, jdbc.detail(t.id()).orElseThrow().epochs().size(), "recordEpoch twice: one row");
            calls.set(2);
            // Reads only: a commit's fsync (WRITE_DELAY=0) costs milliseconds and drowns the comparison.
            int rounds = 9;
            int perRound = 600;
            double[] bare = new double[rounds];
            double[] wrap = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                // Alternating who goes first, so warm-up and background load fall on both sides.
                if (r % 2 == 0) {
                    bare[r] = microsPerCall(jdbc, e, t, perRound);
                    wrap[r] = microsPerCall(wrapped, e, t, perRound);
                } else {
                    wrap[r] = microsPerCall(wrapped, e, t, perRound);
                    bare[r] = microsPerCall(jdbc, e, t, perRound);
                }
            }
            assertEquals(2 + rounds * perRound * 2, calls.get(), "no extra delegate calls on the happy path");
            Arrays.sort(bare);
            Arrays.sort(wrap);
            System.out.printf("store call cost (find + all, median of %d rounds of %d): bare %.1f µs, "
                    + "RetryingStore %.1f µs per call%n", rounds, perRound, bare[rounds / 2], wrap[rounds / 2]);
        }
    }

    private static double microsPerCall(Store store, ExperimentRecord e, TrialRecord t, int n) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            store.find("cost");
            store.all(e.id());
        }
        return (System.nanoTime() - t0) / 1e3 / (n * 2);
    }
}
