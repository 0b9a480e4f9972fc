package dev.tuneboard.cli;

import dev.tuneboard.ChildJvm;
import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.run.RunReport;
import dev.tuneboard.run.StopSignal;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.ExperimentStatus;
import dev.tuneboard.trial.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `run`, `resume` and `worker` exit 1 when the experiment failed or nothing completed, as the README says. */
class ExitCodeTest {
    @TempDir
    Path dir;

    private static final String LONG = """
            name: NAME
            data: {dir: data/mnist, train_limit: 6000, validation: 1000, test_limit: 500}
            model:
              hidden_layers:
                - units: 64
            training: {learning_rate: 0.003, batch_size: 32, epochs: 40}
            search: {algorithm: random, trials: 1, parallelism: 1, seed: 9 LIMIT}
            """;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void a_time_limit_that_stops_every_trial_before_one_completes_exits_1() throws Exception {
        Path spec = dir.resolve("limited.yaml");
        Files.writeString(spec, LONG.replace("NAME", "limited").replace(" LIMIT", ", time_limit: 3s"));
        CliTest.Result r = CliTest.cli("run", spec.toString(), "--results", dir.resolve("results").toString(), "--quiet");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("no trial of limited completed"), r.err());
        assertTrue(r.err().contains("time limit"), r.err());
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void a_second_run_while_another_live_process_holds_the_trials_says_so_and_exits_1() throws Exception {
        Path spec = dir.resolve("held.yaml");
        Files.writeString(spec, LONG.replace("NAME", "held").replace(" LIMIT", ""));
        Path results = dir.resolve("results");
        Process first = ChildJvm.start(dir.resolve("first.log"), "run", spec.toString(), "--results", results.toString(), "--quiet");
        try {
            long deadline = System.currentTimeMillis() + 120_000;
            while (true) {
                assertTrue(System.currentTimeMillis() < deadline && first.isAlive(), "first run never started its trial");
                Thread.sleep(200);
                if (!Files.exists(results.resolve("tuneboard.mv.db"))) continue;
                try (Tuneboard app = new Tuneboard(results, null)) {
                    Optional<ExperimentRecord> e = app.store().find("held");
                    if (e.isPresent() && app.store().all(e.get().id()).stream().anyMatch(t -> t.status() == TrialStatus.RUNNING)) break;
                }
            }
            CliTest.Result second = CliTest.cli("run", spec.toString(), "--results", results.toString(), "--quiet");
            assertEquals(1, second.code(), second.out() + second.err());
            assertTrue(second.out().contains("being trained by another live process (" + first.pid() + "@"), second.out());
            assertTrue(second.err().contains("nothing for this process to do"), second.err());
            assertTrue(first.isAlive(), "the first run goes on");
        } finally {
            first.destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_failed_experiment_exits_1_and_ctrl_c_130() {
        StopSignal none = new StopSignal();
        assertEquals(1, RunSession.exitCode(report(ExperimentStatus.FAILED, 3, List.of()), none));
        assertEquals(0, RunSession.exitCode(report(ExperimentStatus.COMPLETED, 3, List.of()), none));
        assertEquals(1, RunSession.exitCode(report(ExperimentStatus.COMPLETED, 0, List.of()), none));
        StopSignal ctrlC = new StopSignal();
        ctrlC.stop("interrupted (Ctrl-C)");
        assertEquals(130, RunSession.exitCode(report(ExperimentStatus.STOPPED, 0, List.of()), ctrlC));
    }

    private static RunReport report(ExperimentStatus status, int completed, List<String> elsewhere) {
        return new RunReport("x", status, 3, completed, 0, 3 - completed, 0, 1.0, null, completed, elsewhere);
    }
}
