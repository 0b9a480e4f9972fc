package dev.tuneboard.run;

import dev.tuneboard.ChildJvm;
import dev.tuneboard.cli.Main;
import dev.tuneboard.store.jdbc.Database;
import dev.tuneboard.store.jdbc.JdbcStore;
import dev.tuneboard.trial.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `tuneboard worker` stopped with SIGTERM (docker stop, systemd, Ctrl-C) mid-trial: exit code 130, the trial
 * recorded stopped, and no "error:" line (it printed "no trial this worker ran completed" as if it had failed).
 */
class WorkerStopTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(240)
    void a_worker_told_to_stop_records_its_trial_stopped_and_reports_no_error() throws Exception {
        Path spec = dir.resolve("stop.yaml");
        Files.writeString(spec, """
                name: stop-me
                data: {dir: data/mnist, train_limit: 6000, validation: 1000, test_limit: 500}
                model:
                  hidden_layers:
                    - units: 256
                training: {learning_rate: 0.001, batch_size: 64, epochs: 30}
                search: {algorithm: random, trials: 2, parallelism: 1, seed: 1}
                objective: {metric: val_accuracy, direction: maximize}
                """);
        String url = Database.defaultUrl(dir.resolve("results"));
        assertEquals(0, Main.commandLine().execute("submit", spec.toString(), "--db", url));
        Path log = dir.resolve("worker.log");
        Process worker = ChildJvm.start(log, "worker", "--db", url, "--exit-when-idle");
        try (JdbcStore watch = new JdbcStore(Database.open(url, null, null), Clock.systemUTC())) {
            long id = watch.find("stop-me").orElseThrow().id();
            long deadline = System.currentTimeMillis() + 120_000;
            // An epoch recorded: the worker is well inside a trial, not starting up.
            while (watch.curves(id).values().stream().mapToInt(java.util.List::size).sum() < 1) {
                assertTrue(worker.isAlive(), "worker ended early: " + Files.readString(log));
                assertTrue(System.currentTimeMillis() < deadline, "no epoch recorded: " + Files.readString(log));
                Thread.sleep(100);
            }
            worker.destroy();   // SIGTERM
            assertEquals(130, ChildJvm.exitCode(worker, Duration.ofSeconds(90)), Files.readString(log));
            String output = Files.readString(log);
            assertFalse(output.contains("error:"), output);
            assertEquals(1, watch.count(id, Set.of(TrialStatus.STOPPED)), output);
            assertEquals(0, watch.count(id, Set.of(TrialStatus.RUNNING)), output);
        } finally {
            worker.destroyForcibly();
        }
    }
}
