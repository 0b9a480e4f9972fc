package dev.tuneboard.run;

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
import java.util.concurrent.TimeUnit;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ctrl-C (SIGINT) on `tuneboard run`: finished trials stay, running ones are recorded as stopped, exit 130. */
class CtrlCTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void sigint_stops_the_run_cleanly_keeping_finished_trials() throws Exception {
        Path spec = dir.resolve("ctrlc.yaml");
        String text = ResumeAfterKillTest.SPEC.replace("name: crashy", "name: ctrlc").replace("trials: 4,", "trials: 6,");
        if (!text.contains("trials: 6,")) throw new IllegalStateException("spec changed: " + text);
        Files.writeString(spec, text);
        Path results = dir.resolve("results");
        Process child = ResumeAfterKillTest.startChild(results, "run", spec.toString());
        long deadline = System.currentTimeMillis() + 120_000;
        List<TrialRecord> before = null;
        while (before == null) {
            assertTrue(System.currentTimeMillis() < deadline && child.isAlive(), "child never got mid-trial");
            Thread.sleep(200);
            if (!Files.exists(results.resolve("tuneboard.mv.db"))) continue;
            try (Tuneboard app = new Tuneboard(results, null)) {
                Optional<ExperimentRecord> e = app.store().find("ctrlc");
                if (e.isEmpty()) continue;
                List<TrialRecord> all = app.store().all(e.get().id());
                // A trial still to come: had the last one been running, it could finish (and the run exit 0)
                // before the signal lands (seen in a full run under load).
                if (all.stream().anyMatch(t -> t.status() == TrialStatus.COMPLETED)
                        && all.stream().anyMatch(t -> t.status() == TrialStatus.RUNNING) && all.size() < 5) {
                    new ProcessBuilder("kill", "-INT", String.valueOf(child.pid())).start().waitFor();
                    before = all;
                }
            }
        }
        assertEquals(130, ChildJvm.exitCode(child, Duration.ofSeconds(60)), "exit code of an interrupted run");
        try (Tuneboard app = new Tuneboard(results, null)) {
            ExperimentRecord e = app.store().find("ctrlc").orElseThrow();
            assertEquals("stopped", e.status().key());
            List<TrialRecord> after = app.store().all(e.id());
            for (TrialRecord t : before) {
                TrialRecord now = after.stream().filter(a -> a.id() == t.id()).findFirst().orElseThrow();
                if (t.status() == TrialStatus.COMPLETED) assertEquals(t.valAccuracy(), now.valAccuracy());
                if (t.status() == TrialStatus.RUNNING) {
                    assertEquals(TrialStatus.STOPPED, now.status(), "a running trial is recorded as stopped");
                    assertTrue(now.stopReason().contains("Ctrl-C"), now.stopReason());
                }
            }
            assertTrue(after.stream().noneMatch(t -> t.status() == TrialStatus.RUNNING));
        }
    }
}
