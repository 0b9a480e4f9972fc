package dev.tuneboard.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.LeaderboardQuery;
import dev.tuneboard.trial.TrialStatus;
import io.javalin.testtools.JavalinTest;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/anytime} against the real trials of {@link WebFixture}, on a real server. */
class AnytimeRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Tuneboard tuneboard;
    private static DashboardServer server;

    @BeforeAll
    static void setUp() throws Exception {
        tuneboard = WebFixture.app();
        server = new DashboardServer(tuneboard.experiments(), DashboardServer.Options.defaults());
    }

    @AfterAll
    static void tearDown() {
        server.close();
    }

    @Test
    @Timeout(300)
    void each_experiment_asked_gets_its_best_so_far_steps_ending_at_the_chosen_value() {
        ExperimentRecord e = tuneboard.store().find(WebFixture.EXPERIMENT).orElseThrow();
        double best = tuneboard.store().leaderboard(e.id(), new LeaderboardQuery("objective", true, Set.of(TrialStatus.COMPLETED), 0, 1))
                .get(0).objective();
        JavalinTest.test(server.create(), (s, client) -> {
            String names = URLEncoder.encode(WebFixture.EXPERIMENT + "," + WebFixture.SCRIPT_NAME, StandardCharsets.UTF_8);
            Response r = client.get("/api/anytime?experiments=" + names);
            assertEquals(200, r.code());
            JsonNode runs = JSON.readTree(r.body().string()).get("runs");
            assertEquals(2, runs.size());
            JsonNode fixture = runs.get(0);
            assertEquals(WebFixture.EXPERIMENT, fixture.get("experiment").asText());
            assertEquals("val_accuracy", fixture.get("metric").asText());
            JsonNode steps = fixture.get("steps");
            assertTrue(steps.size() >= 1, fixture.toString());
            for (int i = 1; i < steps.size(); i++) {
                assertTrue(steps.get(i).get("minutes").asDouble() >= steps.get(i - 1).get("minutes").asDouble());
                assertTrue(steps.get(i).get("best").asDouble() > steps.get(i - 1).get("best").asDouble());
            }
            assertEquals(best, steps.get(steps.size() - 1).get("best").asDouble(), 1e-12);
            assertTrue(fixture.get("endMinutes").asDouble() >= steps.get(steps.size() - 1).get("minutes").asDouble());
            assertEquals(0, runs.get(1).get("steps").size(), "an experiment without trials has no steps");

            Response unknown = client.get("/api/anytime?experiments=" + WebFixture.EXPERIMENT + ",nope");
            assertEquals(404, unknown.code());
            String error = unknown.body().string();   // ' comes \u0027-escaped: the API's JSON is inert in HTML
            assertTrue(error.contains("no experiment named") && error.contains("nope"), error);
            assertEquals(400, client.get("/api/anytime").code());
            assertEquals(400, client.get("/api/anytime?experiments=,").code());
        });
    }
}
