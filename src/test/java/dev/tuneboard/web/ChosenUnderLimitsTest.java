package dev.tuneboard.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.run.Experiments;
import dev.tuneboard.run.RunListener;
import dev.tuneboard.run.StopSignal;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.LeaderboardQuery;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import io.javalin.testtools.JavalinTest;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Under a spec limit the experiment's page and list show the trial export hands out, and the dashboard retrains
 * that one: found with a limit that the best-scoring trial breaks, where the page showed the breaking trial's test
 * accuracy as "test accuracy of chosen trial" and retrain picked it.
 */
class ChosenUnderLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // 784-8-10 has 6,370 parameters and 784-512-10 407,050: only the small (and worse) one meets the limit.
    private static final String SPEC = """
            name: limits-web
            data: {dir: data/mnist, train_limit: 2500, validation: 500, test_limit: 500}
            model:
              hidden_layers:
                - units: {choice: [8, 512]}
            training: {learning_rate: 0.003, batch_size: 64, epochs: 1}
            search: {algorithm: grid, trials: 2, parallelism: 2, seed: 4}
            objective: {metric: val_accuracy, direction: maximize, max_parameters: 50000}
            """;

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void the_page_the_list_and_retrain_use_the_best_trial_that_meets_the_limit() throws Exception {
        Tuneboard tb = new Tuneboard(dir, null);
        Experiments experiments = tb.experiments();
        experiments.run(experiments.prepare(experiments.specs().parse(SPEC, "limits-web.yaml")), RunListener.SILENT, new StopSignal());
        ExperimentRecord e = tb.store().find("limits-web").orElseThrow();
        List<TrialRecord> all = tb.store().leaderboard(e.id(),
                new LeaderboardQuery("objective", true, Set.of(TrialStatus.COMPLETED), 0, 10));
        assertEquals(2, all.size());
        TrialRecord big = all.get(0), small = all.get(1);
        assertEquals(407_050L, big.cost().parameters(), "premise: the best on validation breaks the limit");
        assertEquals(6_370L, small.cost().parameters());
        assertTrue(!big.testAccuracy().equals(small.testAccuracy()), "premise: the two trials' test accuracies differ");

        try (DashboardServer server = new DashboardServer(experiments, DashboardServer.Options.defaults())) {
            JavalinTest.test(server.create(), (app, client) -> {
                JsonNode page = JSON.readTree(client.get("/api/experiments/limits-web").body().string()).get("experiment");
                assertEquals(small.testAccuracy(), page.get("testAccuracyOfBest").asDouble(), 0.0, page.toString());
                assertEquals(small.valAccuracy(), page.get("bestObjective").asDouble(), 0.0, page.toString());
                assertEquals(small.valAccuracy(), page.get("bestValAccuracy").asDouble(), 0.0, page.toString());

                JsonNode row = JSON.readTree(client.get("/api/experiments").body().string()).get(0);
                assertEquals("limits-web", row.get("name").asText());
                assertEquals(small.testAccuracy(), row.get("testAccuracyOfBest").asDouble(), 0.0, row.toString());

                // Retrain is a same-origin write: JavalinTest's client sends no Origin, so the custom header is enough.
                var started = client.request("/api/experiments/limits-web/retrain", b -> b
                        .post(RequestBody.create(new byte[0])).header("X-Tuneboard", "1"));
                JsonNode status = JSON.readTree(started.body().string());
                assertEquals(202, started.code(), status.toString());
                assertEquals(small.number(), status.get("trial").asInt(), "retrains the trial that meets the limit");
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (status.get("state").asText().equals("running") && System.nanoTime() < deadline) {
                    Thread.sleep(300);
                    status = JSON.readTree(client.get("/api/experiments/limits-web/retrained").body().string());
                }
                assertEquals("done", status.get("state").asText(), status.toString());
                assertEquals(small.number(), status.get("trial").asInt());
            });
        }
    }
}
