package dev.tuneboard.run;

import dev.tuneboard.search.pruning.TrialCurve;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.NewExperiment;
import dev.tuneboard.store.TrialStore;
import dev.tuneboard.store.jdbc.Database;
import dev.tuneboard.store.jdbc.JdbcStore;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.TestReport;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The runner's view of an experiment reads only what can have changed: new attempts and unfinished ones. */
class TrialLogTest {
    @TempDir
    Path dir;

    @Test
    void a_refresh_reads_new_and_unfinished_attempts_only_and_sees_their_changes() {
        try (JdbcStore store = new JdbcStore(Database.open(Database.defaultUrl(dir), null, null), Clock.systemUTC())) {
            ExperimentRecord e = store.create(new NewExperiment("log", "name: log\n", "a".repeat(64), "b".repeat(64),
                    Objective.VAL_ACCURACY, 10, 2));
            List<TrialRecord> started = new ArrayList<>();
            for (int n = 0; n < 5; n++) started.add(claim(store, e, n));
            for (int n = 0; n < 4; n++) {
                store.recordEpoch(started.get(n).id(), new EpochMetrics(1, 0.5, 0.4, 0.8 + n / 100.0, 1.0, 100));
                finish(store, started.get(n));
            }
            store.recordEpoch(started.get(4).id(), new EpochMetrics(1, 0.5, 0.4, 0.7, 1.0, 100));

            List<Integer> rowsRead = new ArrayList<>();
            TrialLog log = new TrialLog(store, e.id());
            TrialStore.AttemptReader counting = (after, also) -> {
                List<TrialRecord> rows = store.attempts(e.id(), after, also);
                rowsRead.add(rows.size());
                return rows;
            };
            assertEquals(5, log.refresh(counting).size());
            assertEquals(List.of(5), rowsRead, "the first refresh reads every attempt");

            TrialRecord sixth = claim(store, e, 5);
            finish(store, started.get(4));
            List<TrialRecord> now = log.refresh(counting);
            assertEquals(List.of(5, 2), rowsRead, "then only the new attempt and the one last seen running");
            assertEquals(6, now.size());
            assertEquals(TrialStatus.COMPLETED, now.get(4).status(), "the running one's finish is seen");
            assertEquals(TrialStatus.RUNNING, now.get(5).status());

            store.recordEpoch(sixth.id(), new EpochMetrics(1, 0.5, 0.4, 0.75, 1.0, 100));
            List<TrialCurve> curves = log.curvesExcept(started.get(0).id(), m -> m.valAccuracy());
            assertEquals(5, curves.size(), "every other trial's curve: " + curves);
            TrialCurve running = curves.stream().filter(c -> c.trialId() == sixth.id()).findFirst().orElseThrow();
            assertEquals(0.75, running.valueAt(1));
            assertEquals(false, running.finished());
            store.recordEpoch(sixth.id(), new EpochMetrics(2, 0.5, 0.4, 0.78, 1.0, 100));
            TrialCurve later = log.curvesExcept(started.get(0).id(), m -> m.valAccuracy()).stream()
                    .filter(c -> c.trialId() == sixth.id()).findFirst().orElseThrow();
            assertEquals(2, later.values().length, "a running trial's curve is read again");
        }
    }

    private static TrialRecord claim(JdbcStore store, ExperimentRecord e, int number) {
        return store.claim(e.id(), "test", reader -> new TrialStore.Claim(List.of(), "",
                new TrialStore.NewAttempt(number, 1, Map.of("learning_rate", 0.001), new double[] {0.5}, number))).orElseThrow();
    }

    private static void finish(JdbcStore store, TrialRecord t) {
        store.finish(t.id(), TrialStatus.COMPLETED, new TrialStore.TrialResult(0.8, 0.4, 0.8,
                new TestReport(0.8, 0.5, new int[10][10], List.of()), new byte[] {1}, 1, 1.0, 100, null));
    }
}
