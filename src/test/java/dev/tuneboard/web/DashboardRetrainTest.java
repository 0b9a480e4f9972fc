package dev.tuneboard.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.LeaderboardQuery;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.TrialRecord;
import io.javalin.Javalin;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's "Retrain on train+validation" over real HTTP: refused across sites like every change, run in
 * the background, offered for download when done, reused when asked again.
 */
class DashboardRetrainTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();

    @Test
    @Timeout(240)
    void retrains_the_chosen_trial_in_the_background_after_refusing_cross_site_posts() throws Exception {
        Tuneboard tuneboard = WebFixture.app();
        ExperimentRecord e = tuneboard.store().find(WebFixture.EXPERIMENT).orElseThrow();
        TrialRecord chosen = tuneboard.store().leaderboard(e.id(), LeaderboardQuery.best(true, 1)).get(0);
        int bestEpoch = 1;
        double best = -1;
        for (EpochMetrics m : tuneboard.store().detail(chosen.id()).orElseThrow().epochs()) {
            if (m.valAccuracy() > best) {
                best = m.valAccuracy();
                bestEpoch = m.epoch();
            }
        }
        try (DashboardServer server = new DashboardServer(tuneboard.experiments(), DashboardServer.Options.defaults())) {
            Javalin app = server.create().start("127.0.0.1", 0);
            try {
                String base = "http://127.0.0.1:" + app.port() + "/api/experiments/" + WebFixture.EXPERIMENT;
                // Cross-site or header-less posts are refused before anything starts.
                assertEquals(403, post(base + "/retrain", b -> b.header("Origin", "https://evil.example").header("X-Tuneboard", "1")));
                assertEquals(403, post(base + "/retrain", b -> b.header("Sec-Fetch-Site", "cross-site").header("X-Tuneboard", "1")));
                assertEquals(403, post(base + "/retrain", b -> b));
                assertEquals(403, post(base + "/retrain", b -> b.header("Host", "evil.example").header("X-Tuneboard", "1")));
                JsonNode none = get(base + "/retrained");
                assertEquals("none", none.get("state").asText(), none.toString());
                assertEquals(chosen.number(), none.get("trial").asInt());
                assertEquals(404, HTTP.newCall(new Request.Builder().url(base + "/retrained-model").build()).execute().code());

                // The dashboard's own request: accepted, runs in the background.
                assertEquals(202, post(base + "/retrain", b -> b.header("Origin", "http://127.0.0.1:" + app.port()).header("X-Tuneboard", "1")));
                JsonNode status = get(base + "/retrained");
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (status.get("state").asText().equals("running") && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                    status = get(base + "/retrained");
                }
                assertEquals("done", status.get("state").asText(), status.toString());
                assertEquals(chosen.number(), status.get("trial").asInt());
                assertEquals(bestEpoch, status.get("epochs").asInt(), "the trial's best epoch");
                assertEquals(3000, status.get("trainSize").asInt(), "2000 train + 1000 validation images");
                assertEquals(chosen.valAccuracy(), status.get("trialValAccuracy").asDouble(), 0.0);

                // Asked again: the stored model is reused (200, done), nothing new is trained.
                assertEquals(200, post(base + "/retrain", b -> b.header("X-Tuneboard", "1")));
                assertEquals(status.get("retrainedAt").asText(), get(base + "/retrained").get("retrainedAt").asText());

                Map<String, byte[]> files = new HashMap<>();
                try (Response r = HTTP.newCall(new Request.Builder().url(base + "/retrained-model").build()).execute();
                     ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(r.body().bytes()))) {
                    assertEquals(200, r.code());
                    for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) files.put(entry.getName(), zip.readAllBytes());
                }
                assertTrue(files.containsKey("model.zip"), files.keySet().toString());
                JsonNode card = JSON.readTree(files.get("model-card.json"));
                assertEquals("train+validation", card.get("retrained").get("trained_on").asText());
                assertEquals(status.get("testAccuracy").asDouble(), card.get("retrained").get("test_accuracy").asDouble(), 0.0);
                assertEquals(chosen.number(), card.get("selection_trial").get("trial").asInt());
                TrialRecord after = tuneboard.store().trial(chosen.id()).orElseThrow();
                assertEquals(chosen.testAccuracy(), after.testAccuracy(), "the selection trial is unchanged");
                assertEquals(chosen.finishedAt(), after.finishedAt());
            } finally {
                app.stop();
            }
        }
    }

    private static int post(String url, UnaryOperator<Request.Builder> headers) throws Exception {
        try (Response r = HTTP.newCall(headers.apply(new Request.Builder().url(url).post(RequestBody.create(new byte[0])))
                .build()).execute()) {
            return r.code();
        }
    }

    private static JsonNode get(String url) throws Exception {
        try (Response r = HTTP.newCall(new Request.Builder().url(url).build()).execute()) {
            assertEquals(200, r.code());
            return JSON.readTree(r.body().string());
        }
    }
}
