package dev.tuneboard.run;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.store.ExperimentStatus;
import dev.tuneboard.store.FaultyStore;
import dev.tuneboard.train.TrialTrainer;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A store fault that outlasts the retries fails the trial it hit, never the experiment. */
class PersistentStoreFaultTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void a_finish_that_cannot_be_stored_fails_that_trial_and_the_search_goes_on() throws Exception {
        try (Tuneboard app = new Tuneboard(dir, null)) {
            AtomicInteger finishes = new AtomicInteger();
            // No RetryingStore in between: to the runner this fault is one that outlasted every retry.
            FaultyStore store = new FaultyStore(app.store(), method -> method.equals("finish") && finishes.incrementAndGet() == 2
                    ? FaultyStore.Fault.BEFORE : FaultyStore.Fault.NONE);
            ExperimentSpec spec = app.specs().parse(EndToEndRunTest.spec("stubborn", 4, 1, "random", ""), "stubborn.yaml");
            ExperimentRunner runner = new ExperimentRunner(store, app.search(), new TrialTrainer(), Clock.systemUTC(),
                    app.workerName());
            RunReport report = runner.run(spec, runner.prepare(spec, app.datasets().splits(spec).dataHash()),
                    app.datasets().splits(spec), RunListener.SILENT, new StopSignal());

            assertEquals(ExperimentStatus.COMPLETED, report.status(), report.toString());
            assertEquals(3, report.completed());
            assertEquals(1, report.failed());
            List<TrialRecord> all = app.store().all(app.store().find("stubborn").orElseThrow().id());
            TrialRecord failed = all.stream().filter(t -> t.status() == TrialStatus.FAILED).findFirst().orElseThrow();
            assertTrue(failed.error().contains("injected transient fault before finish"), failed.error());
            assertEquals(3, all.stream().filter(t -> t.status() == TrialStatus.COMPLETED).count());
        }
    }
}
