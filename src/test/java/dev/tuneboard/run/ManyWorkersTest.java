package dev.tuneboard.run;

import dev.tuneboard.ChildJvm;
import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.cli.Main;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import org.h2.tools.Server;
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
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three worker processes share one experiment through a database server; one is killed mid-trial. */
class ManyWorkersTest {
    static final String SPEC = """
            name: shared
            data: {dir: data/mnist, train_limit: 3000, validation: 500, test_limit: 500}
            model:
              hidden_layers:
                - units: {int: [32, 96]}
            training: {learning_rate: {loguniform: [1.0e-3, 3.0e-3]}, batch_size: 32, epochs: 2}
            search: {algorithm: tpe, trials: 12, parallelism: 1, seed: 4}
            """;

    @TempDir
    Path dir;

    /** Runs the 12-trial experiment with three child workers against {@code url}; kills one mid-trial. */
    static void threeWorkersOneKilled(String url, Path dir) throws Exception {
        Path spec = dir.resolve("shared.yaml");
        Files.writeString(spec, SPEC);
        assertEquals(0, Main.commandLine().execute("submit", spec.toString(), "--db", url));

        List<Process> workers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            workers.add(ChildJvm.start(dir.resolve("worker-" + i + ".log"), "worker", "--db", url, "--exit-when-idle"));
        }
        Process victim = workers.get(0);
        long victimPid = victim.pid();
        TrialRecord killedTrial = null;
        long deadline = System.currentTimeMillis() + 180_000;
        try (Tuneboard app = new Tuneboard(dir, url)) {
            ExperimentRecord e = app.store().find("shared").orElseThrow();
            while (killedTrial == null) {
                assertTrue(System.currentTimeMillis() < deadline, "worker 0 never started a trial");
                assertTrue(victim.isAlive(), "worker 0 finished before it could be killed");
                for (TrialRecord t : app.store().all(e.id())) {
                    if (t.status() == TrialStatus.RUNNING && t.worker().startsWith(victimPid + "@") && t.epochsDone() >= 1) {
                        victim.destroyForcibly();   // SIGKILL mid-trial
                        ChildJvm.exitCode(victim, Duration.ofSeconds(30));
                        killedTrial = t;
                        break;
                    }
                }
                Thread.sleep(100);
            }
            for (Process w : workers.subList(1, 3)) {
                assertEquals(0, ChildJvm.exitCode(w, Duration.ofMinutes(4)), "surviving workers exit cleanly");
            }

            List<TrialRecord> all = app.store().all(e.id());
            Map<Integer, List<TrialRecord>> byNumber = all.stream().collect(Collectors.groupingBy(TrialRecord::number));
            assertEquals(12, byNumber.size(), "trial numbers 0..11: " + all);
            for (var entry : byNumber.entrySet()) {
                long completed = entry.getValue().stream().filter(t -> t.status() == TrialStatus.COMPLETED).count();
                assertEquals(1, completed, "trial " + entry.getKey() + " completed exactly once: " + entry.getValue());
            }
            TrialRecord stale = app.store().trial(killedTrial.id()).orElseThrow();
            assertEquals(TrialStatus.STOPPED, stale.status());
            assertTrue(stale.stopReason().contains("re-queued"), stale.stopReason());
            int number = killedTrial.number();
            TrialRecord redone = all.stream().filter(t -> t.number() == number && t.status() == TrialStatus.COMPLETED)
                    .findFirst().orElseThrow();
            assertTrue(!redone.worker().startsWith(victimPid + "@"), "another worker finished the killed trial");
            assertEquals(killedTrial.seed(), redone.seed());
            assertEquals(killedTrial.params(), redone.params());
            long distinctWorkers = all.stream().filter(t -> t.status() == TrialStatus.COMPLETED).map(TrialRecord::worker).distinct().count();
            assertTrue(distinctWorkers >= 2, "work was shared");
            for (TrialRecord t : all) {
                if (t.status() == TrialStatus.COMPLETED) {
                    assertEquals(2, app.store().detail(t.id()).orElseThrow().epochs().size(), "curve complete for " + t);
                    assertTrue(app.store().model(t.id()).isPresent(), "model stored for " + t);
                }
            }
            assertEquals("completed", app.store().find("shared").orElseThrow().status().key());
        } finally {
            for (Process w : workers) w.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void three_workers_on_an_h2_tcp_server_run_every_trial_exactly_once_and_recover_a_killed_worker() throws Exception {
        Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", dir.toString(), "-ifNotExists").start();
        try {
            threeWorkersOneKilled("jdbc:h2:tcp://localhost:" + server.getPort() + "/tuneboard", dir);
        } finally {
            server.stop();
        }
    }
}
