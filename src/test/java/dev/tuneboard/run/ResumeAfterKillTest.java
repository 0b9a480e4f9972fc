package dev.tuneboard.run;

import dev.tuneboard.ChildJvm;
import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.Store;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A child JVM runs a search and is killed with SIGKILL mid-trial; `resume` finishes the budget. */
class ResumeAfterKillTest {
    static final String SPEC = """
            name: crashy
            data: {dir: data/mnist, train_limit: 6000, validation: 1000, test_limit: 1000}
            model:
              hidden_layers:
                - units: {choice: [64, 128]}
            training: {learning_rate: {loguniform: [1.0e-3, 3.0e-3]}, batch_size: 32, epochs: 3}
            search: {algorithm: random, trials: 4, parallelism: 1, seed: 21}
            """;

    @TempDir
    Path dir;

    static Process startChild(Path results, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--results", results.toString(), "--quiet"));
        return ChildJvm.start(results.getParent().resolve("child-" + System.nanoTime() + ".log"), args.toArray(String[]::new));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void a_search_killed_mid_trial_resumes_keeping_finished_trials_and_duplicating_none() throws Exception {
        Path spec = dir.resolve("crashy.yaml");
        Files.writeString(spec, SPEC);
        Path results = dir.resolve("results");
        Process child = startChild(results, "run", spec.toString());

        Map<Integer, TrialRecord> before;
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            assertTrue(System.currentTimeMillis() < deadline, "child never reached a running second trial");
            assertTrue(child.isAlive(), "child ended before it could be killed");
            Thread.sleep(200);
            if (!Files.exists(results.resolve("tuneboard.mv.db"))) continue;
            try (Tuneboard app = new Tuneboard(results, null)) {
                Optional<ExperimentRecord> e = app.store().find("crashy");
                if (e.isEmpty()) continue;
                List<TrialRecord> all = app.store().all(e.get().id());
                boolean completed = all.stream().anyMatch(t -> t.status() == TrialStatus.COMPLETED);
                boolean midTrial = all.stream().anyMatch(t -> t.status() == TrialStatus.RUNNING && t.epochsDone() >= 1);
                if (completed && midTrial) {
                    child.destroyForcibly();   // SIGKILL: no shutdown hook runs
                    ChildJvm.exitCode(child, Duration.ofSeconds(30));
                    before = all.stream().filter(t -> t.status() == TrialStatus.COMPLETED)
                            .collect(Collectors.toMap(TrialRecord::number, t -> t));
                    break;
                }
            }
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        Process resume = startChild(results, "resume", "crashy");
        assertEquals(0, ChildJvm.exitCode(resume, Duration.ofMinutes(3)), "resume exits cleanly");

        try (Tuneboard app = new Tuneboard(results, null)) {
            Store store = app.store();
            ExperimentRecord e = store.find("crashy").orElseThrow();
            List<TrialRecord> all = store.all(e.id());
            Map<Integer, List<TrialRecord>> byNumber = all.stream().collect(Collectors.groupingBy(TrialRecord::number));
            assertEquals(4, byNumber.size(), "the budget is 4 trial numbers: " + all);
            for (var entry : byNumber.entrySet()) {
                long finished = entry.getValue().stream().filter(t -> t.status() == TrialStatus.COMPLETED).count();
                assertEquals(1, finished, "trial " + entry.getKey() + " completed exactly once: " + entry.getValue());
            }
            assertTrue(all.stream().anyMatch(t -> t.status() == TrialStatus.STOPPED && t.attempt() == 1
                    && t.stopReason().contains("re-queued")), "the killed trial is marked and re-run: " + all);
            for (TrialRecord earlier : before.values()) {
                TrialRecord now = store.trial(earlier.id()).orElseThrow();
                assertEquals(earlier.status(), now.status());
                assertEquals(earlier.valAccuracy(), now.valAccuracy());
                assertEquals(earlier.testAccuracy(), now.testAccuracy());
                assertEquals(earlier.finishedAt(), now.finishedAt());
            }
            TrialRecord rerun = all.stream().filter(t -> t.attempt() == 2).findFirst().orElseThrow();
            TrialRecord killed = all.stream().filter(t -> t.number() == rerun.number() && t.attempt() == 1).findFirst().orElseThrow();
            assertEquals(killed.params(), rerun.params());
            assertEquals(killed.seed(), rerun.seed());
            assertEquals("completed", e.status().key());
        }
    }
}
