package dev.tuneboard.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.data.IdxFile;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.export.ModelExporter;
import dev.tuneboard.predict.DigitClassifier;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.trial.TrialRecord;
import io.javalin.Javalin;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The predict routes over real HTTP on a loopback port, with the real models of {@link WebFixture}: a PNG of
 * MNIST test image 0 (a 7), the same pixels as JSON, and every way a request can be wrong.
 */
@Timeout(180)
class PredictRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType PNG = MediaType.get("image/png");
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();
    private static Tuneboard tuneboard;
    private static DashboardServer server;
    private static Javalin app;
    private static String base;
    private static float[] seven;

    @BeforeAll
    static void start() throws Exception {
        tuneboard = WebFixture.app();
        server = new DashboardServer(tuneboard.experiments(), DashboardServer.Options.defaults());
        app = server.create().start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        IdxFile images = new IdxReader().read(Path.of("data/mnist/t10k-images-idx3-ubyte.gz"), IdxFile.IMAGES);
        seven = new float[784];
        for (int i = 0; i < 784; i++) seven[i] = images.unsigned(0, i) / 255f;
    }

    @AfterAll
    static void stop() {
        if (app != null) app.stop();
        if (server != null) server.close();
    }

    @Test
    void a_png_of_test_image_0_is_a_7() throws Exception {
        try (Response r = post("/api/models/" + WebFixture.EXPERIMENT + "/predict", RequestBody.create(png(seven), PNG), b -> b)) {
            JsonNode body = JSON.readTree(r.body().string());
            assertEquals(200, r.code(), body.toString());
            assertEquals(7, body.get("digit").asInt(), body.toString());
            assertEquals(10, body.get("probabilities").size());
            assertEquals(chosen().number(), body.get("trial").asInt());
            assertEquals("no-store", r.header("Cache-Control"));
        }
    }

    @Test
    void json_pixels_get_exactly_what_digit_classifier_says_on_every_route() throws Exception {
        TrialRecord t = chosen();
        float[] expected = DigitClassifier.of(tuneboard.store().model(t.id()).orElseThrow()).probabilities(seven, 1)[0];
        byte[] body = JSON.writeValueAsBytes(Map.of("pixels", seven));
        for (String path : new String[] {"/api/models/" + WebFixture.EXPERIMENT + "/predict", "/api/trials/" + t.id() + "/predict",
                "/api/experiments/" + WebFixture.EXPERIMENT + "/trials/" + t.number() + "/predict"}) {
            try (Response r = post(path, RequestBody.create(body, JSON_TYPE), b -> b)) {
                JsonNode p = JSON.readTree(r.body().string());
                assertEquals(200, r.code(), path + ": " + p);
                assertEquals(DigitClassifier.argmax(expected), p.get("digit").asInt(), path);
                float[] got = new float[10];
                for (int k = 0; k < 10; k++) got[k] = p.get("probabilities").get(k).floatValue();
                assertArrayEquals(expected, got, path);
                assertEquals(t.id(), p.get("trialId").asLong(), path);
            }
        }
    }

    @Test
    void another_trial_answers_with_its_own_model() throws Exception {
        ExperimentRecord e = tuneboard.store().find(WebFixture.EXPERIMENT).orElseThrow();
        TrialRecord other = null;
        for (int n = 1; n <= 4 && other == null; n++) {
            TrialRecord t = tuneboard.store().byNumber(e.id(), n).orElseThrow();
            if (t.id() != chosen().id() && tuneboard.store().hasModel(t.id())) other = t;
        }
        if (other == null) throw new AssertionError("the fixture has no second trial with a model");
        float[] expected = DigitClassifier.of(tuneboard.store().model(other.id()).orElseThrow()).probabilities(seven, 1)[0];
        try (Response r = post("/api/trials/" + other.id() + "/predict", RequestBody.create(JSON.writeValueAsBytes(Map.of("pixels", seven)), JSON_TYPE), b -> b)) {
            JsonNode p = JSON.readTree(r.body().string());
            assertEquals(200, r.code(), p.toString());
            assertEquals(other.number(), p.get("trial").asInt());
            assertEquals(expected[7], p.get("probabilities").get(7).floatValue(), 0f);
        }
    }

    @Test
    void too_large_bad_and_unknown_requests_are_refused_with_the_reason() throws Exception {
        String predict = "/api/models/" + WebFixture.EXPERIMENT + "/predict";
        byte[] big = new byte[PredictController.MAX_BYTES + 1];
        assertRefused(413, "at most 1024 KiB", predict, RequestBody.create(big, PNG));
        // A photo under the cap but over the spec upload's 256 KiB is still classified.
        byte[] photo = noisePng(800);
        assertTrue(photo.length > 300 * 1024 && photo.length < PredictController.MAX_BYTES, photo.length + " bytes");
        try (Response r = post(predict, RequestBody.create(photo, PNG), b -> b)) {
            assertEquals(200, r.code(), r.body().string());
        }
        assertRefused(400, "not an image", predict, RequestBody.create("garbage, not a PNG".getBytes(), PNG));
        assertRefused(400, "not JSON", predict, RequestBody.create("{\"pixels\": [1, 2", JSON_TYPE));
        assertRefused(400, "784 numbers", predict, RequestBody.create("{\"pixels\": [0.5, 0.5]}", JSON_TYPE));
        float[] outOfRange = seven.clone();
        outOfRange[3] = 2.5f;
        assertRefused(400, "pixels[3] is 2.5", predict, RequestBody.create(JSON.writeValueAsBytes(Map.of("pixels", outOfRange)), JSON_TYPE));
        assertRefused(400, "no 'pixels' array", predict, RequestBody.create("{\"pixel\": []}", JSON_TYPE));
        assertRefused(400, "empty body", predict, RequestBody.create(new byte[0], PNG));
        assertRefused(415, "Content-Type", predict, RequestBody.create("x", MediaType.get("text/plain")));
        RequestBody ok = RequestBody.create(JSON.writeValueAsBytes(Map.of("pixels", seven)), JSON_TYPE);
        assertRefused(404, "no experiment named 'nope'", "/api/models/nope/predict", ok);
        assertRefused(404, "no trial with id 999999", "/api/trials/999999/predict", ok);
        assertRefused(404, "has no trial 99", "/api/experiments/" + WebFixture.EXPERIMENT + "/trials/99/predict", ok);
        // The fixture's second experiment was only registered: no trial, so no model.
        assertRefused(409, "no completed trial with a model", "/api/models/" + enc(WebFixture.SCRIPT_NAME) + "/predict", ok);
    }

    @Test
    void cross_site_pages_cannot_ask_for_predictions() throws Exception {
        RequestBody ok = RequestBody.create(png(seven), PNG);
        String predict = "/api/models/" + WebFixture.EXPERIMENT + "/predict";
        try (Response r = post(predict, ok, b -> b.header("Origin", "https://evil.example"))) {
            assertEquals(403, r.code());
        }
        try (Response r = post(predict, ok, b -> b.header("Sec-Fetch-Site", "cross-site"))) {
            assertEquals(403, r.code());
        }
        // A form cannot add the custom header: without it (and without a bearer token) a change is refused.
        try (Response r = HTTP.newCall(new Request.Builder().url(base + predict).post(ok).build()).execute()) {
            assertEquals(403, r.code());
        }
        try (Response r = post(predict, ok, b -> b.header("Origin", base).header("Sec-Fetch-Site", "same-origin"))) {
            assertEquals(200, r.code(), "the dashboard's own page");
        }
    }

    @Test
    void the_openapi_description_lists_the_predict_routes() throws Exception {
        try (Response r = HTTP.newCall(new Request.Builder().url(base + "/api/openapi.json").build()).execute()) {
            JsonNode paths = JSON.readTree(r.body().string()).get("paths");
            for (String p : new String[] {"/api/models/{name}/predict", "/api/trials/{id}/predict", "/api/experiments/{name}/trials/{number}/predict"}) {
                assertTrue(paths.has(p) && paths.get(p).has("post"), p);
            }
        }
    }

    private static TrialRecord chosen() {
        ExperimentRecord e = tuneboard.store().find(WebFixture.EXPERIMENT).orElseThrow();
        return new ModelExporter(tuneboard.store()).chosen(e).orElseThrow();
    }

    private static void assertRefused(int code, String reason, String path, RequestBody body) throws IOException {
        try (Response r = post(path, body, b -> b)) {
            String text = JSON.readTree(r.body().string()).path("error").asText();
            assertEquals(code, r.code(), path + ": " + text);
            assertTrue(text.contains(reason), path + ": '" + reason + "' not in " + text);
        }
    }

    private static Response post(String path, RequestBody body, UnaryOperator<Request.Builder> extra) throws IOException {
        return HTTP.newCall(extra.apply(new Request.Builder().url(base + path).header("X-Tuneboard", "1").post(body)).build()).execute();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A {@code side}² grey PNG of seeded noise: big, because noise does not compress. */
    private static byte[] noisePng(int side) throws IOException {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        java.util.Random random = new java.util.Random(5);
        for (int y = 0; y < side; y++) for (int x = 0; x < side; x++) image.getRaster().setSample(x, y, 0, random.nextInt(256));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** The pixels as an 8-bit grey PNG, as a user would save an MNIST image. */
    static byte[] png(float[] pixels) throws IOException {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 784; i++) image.getRaster().setSample(i % 28, i / 28, 0, Math.round(pixels[i] * 255));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

}
