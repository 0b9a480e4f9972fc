package dev.tuneboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneboard.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `bench --quick` runs end to end and writes a report of the right shape. Its numbers are never checked: CI is not a benchmark rig. */
class BenchSmokeTest {
    @TempDir
    Path dir;

    @Test
    void quickBenchWritesJsonAndMarkdown() throws Exception {
        Path out = dir.resolve("bench");
        Path log = dir.resolve("bench.log");
        Process p = ChildJvm.start(log, "bench", "--quick", "--out", out.toString());
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "bench --quick took too long");
        assertEquals(0, p.exitValue(), () -> read(log));

        List<Path> json = list(out, ".json");
        assertEquals(1, json.size());
        assertEquals(1, list(out, ".md").size());
        JsonNode r = new ObjectMapper().readTree(json.get(0).toFile());
        for (String key : List.of("date", "machine", "config", "variants", "headline", "targets")) {
            assertTrue(r.has(key), key);
        }
        for (String part : List.of("sgemm", "bare", "trial", "phases", "search", "augmentation", "leaderboard")) {
            assertTrue(r.get("variants").findValuesAsText("part").contains(part), part);
        }
        // Where the trial's time went: shares of its thread's JFR samples, most of it fitting.
        for (JsonNode v : r.get("variants")) {
            if (!v.get("part").asText().equals("phases")) continue;
            JsonNode m = v.get("median");
            assertTrue(m.get("phase_samples").asDouble() >= 10, m.toString());
            double sum = 0;
            for (String k : List.of("fit", "validation", "test", "latency", "serialize", "batches", "setup", "sampler", "store",
                    "trial_other", "other")) {
                sum += m.get("phase_" + k).asDouble();
            }
            assertEquals(1.0, sum, 1e-9, m.toString());
            // A quick trial is a second or two: too few samples to ask more of the small phases.
            assertTrue(m.get("phase_fit").asDouble() > 0.3, m.toString());
        }
        JsonNode h = r.get("headline");
        for (String key : List.of("sgemm_gflops_1_thread", "samples_limit_per_s", "bare_samples_per_s_1_thread",
                "trial_samples_per_s", "trial_to_bare_ratio", "search_best_samples_per_s", "leaderboard_p50_ms",
                "leaderboard_p99_ms", "experiment_page_p99_ms", "list_p99_ms", "trial_p99_ms", "claim_p99_ms", "load_p99_ms")) {
            assertTrue(h.get(key).isNumber(), key);
        }
        assertTrue(h.get("search").has("p1_t1"));
        assertEquals(6, r.get("targets").size());
        assertTrue(r.get("targets").has("augmented_trial_at_least_0.85x_plain"));
        assertEquals(0, h.get("load_failures").asInt(), "the dashboard answered every request of the load test");
    }

    private static List<Path> list(Path dir, String suffix) throws Exception {
        try (var s = Files.list(dir)) {
            return s.filter(f -> f.toString().endsWith(suffix)).toList();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (Exception e) {
            return e.toString();
        }
    }
}
