package dev.tuneboard.cli;

import dev.tuneboard.ChildJvm;
import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher re-executes training commands in a child JVM; the child must never outlive it. */
class LauncherTest {
    static final String SPEC = """
            name: orphan
            data: {dir: data/mnist, train_limit: 6000, validation: 1000, test_limit: 1000}
            model:
              hidden_layers:
                - units: {choice: [64, 128]}
            training: {learning_rate: {loguniform: [1.0e-3, 3.0e-3]}, batch_size: 32, epochs: 30}
            search: {algorithm: random, trials: 4, parallelism: 1, seed: 21}
            """;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void kill_9_of_the_launcher_stops_the_training_jvm_and_records_its_trial_stopped() throws Exception {
        Path spec = dir.resolve("orphan.yaml");
        Files.writeString(spec, SPEC);
        Path results = dir.resolve("results");
        Process launcher = ChildJvm.launcher(dir.resolve("launcher.log"), "run", spec.toString(), "--results",
                results.toString(), "--quiet");

        ProcessHandle training = null;
        long deadline = System.currentTimeMillis() + 120_000;
        while (training == null) {
            assertTrue(System.currentTimeMillis() < deadline, "the training JVM never started a trial");
            assertTrue(launcher.isAlive(), "launcher ended early: " + Files.readString(dir.resolve("launcher.log")));
            Thread.sleep(200);
            if (!Files.exists(results.resolve("tuneboard.mv.db"))) continue;
            try (Tuneboard app = new Tuneboard(results, null)) {
                Optional<ExperimentRecord> e = app.store().find("orphan");
                if (e.isEmpty()) continue;
                if (app.store().all(e.get().id()).stream().anyMatch(t -> t.status() == TrialStatus.RUNNING)) {
                    training = launcher.children().findFirst().orElseThrow();
                }
            }
        }
        new ProcessBuilder("kill", "-9", String.valueOf(launcher.pid())).start().waitFor();
        assertEquals(137, ChildJvm.exitCode(launcher, Duration.ofSeconds(10)));

        ProcessHandle orphan = training;
        try {
            assertTrue(orphan.onExit().thenApply(p -> true).completeOnTimeout(false, 60, TimeUnit.SECONDS).get(),
                    "the training JVM " + orphan.pid() + " outlived its launcher");
        } finally {
            orphan.destroyForcibly();
        }
        try (Tuneboard app = new Tuneboard(results, null)) {
            ExperimentRecord e = app.store().find("orphan").orElseThrow();
            List<TrialRecord> all = app.store().all(e.id());
            assertFalse(all.stream().anyMatch(t -> t.status() == TrialStatus.RUNNING), "no trial left running: " + all);
            assertTrue(all.stream().anyMatch(t -> t.status() == TrialStatus.STOPPED && t.stopReason().contains("SIGTERM")),
                    "the trial it was training is recorded as stopped: " + all);
        }
    }
}
