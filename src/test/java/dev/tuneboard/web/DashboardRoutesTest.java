package dev.tuneboard.web;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.LeaderboardQuery;
import dev.tuneboard.store.Store;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.TrialStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON API against a real H2 store holding real trials (see {@link WebFixture}). */
class DashboardRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType YAML = MediaType.get("application/yaml");
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

    private static Store store() {
        return tuneboard.store();
    }

    private static JsonNode json(Response r) throws IOException {
        return JSON.readTree(r.body().string());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code GET /api/anytime} on the fixture's real trials. */
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
            // Exact names, repeatable: a name with a comma is one experiment, not two.
            Response exact = client.get("/api/anytime?experiment=" + enc(WebFixture.COMMA_NAME) + "&experiment="
                    + enc(WebFixture.EXPERIMENT));
            assertEquals(200, exact.code());
            JsonNode both = JSON.readTree(exact.body().string()).get("runs");
            assertEquals(List.of(WebFixture.COMMA_NAME, WebFixture.EXPERIMENT),
                    List.of(both.get(0).get("experiment").asText(), both.get(1).get("experiment").asText()));
            assertEquals(best, both.get(1).get("steps").get(both.get(1).get("steps").size() - 1).get("best").asDouble(), 1e-12);
            assertEquals(400, client.get("/api/anytime").code());
            assertEquals(400, client.get("/api/anytime?experiment=").code());
            assertEquals(400, client.get("/api/anytime?experiments=,").code());
        });
    }

    @Test
    void listsExperimentsWithProgressAndBests() {
        JavalinTest.test(server.create(), (s, client) -> {
            Response r = client.get("/api/experiments");
            assertEquals(200, r.code());
            JsonNode list = json(r);
            JsonNode fixture = null;
            for (JsonNode e : list) if (e.get("name").asText().equals(WebFixture.EXPERIMENT)) fixture = e;
            assertNotNull(fixture);
            assertEquals("completed", fixture.get("status").asText());
            assertEquals(4, fixture.get("budget").asInt());
            assertEquals(4, fixture.get("finished").asInt());
            assertEquals(1.0, fixture.get("progress").asDouble());
            assertTrue(fixture.get("bestValAccuracy").asDouble() > 0.5);
            assertTrue(fixture.get("testAccuracyOfBest").asDouble() > 0.5);
            assertTrue(fixture.get("elapsedSeconds").asDouble() > 0);
        });
    }

    @Test
    void oneExperimentHasSpecAndChartAggregates() {
        JavalinTest.test(server.create(), (s, client) -> {
            JsonNode d = json(client.get("/api/experiments/" + WebFixture.EXPERIMENT));
            assertTrue(d.get("spec").asText().contains("train_limit: 3000"));
            assertEquals(4, d.get("history").size());
            double best = 0;
            for (JsonNode h : d.get("history")) {
                best = Math.max(best, h.get("objective").asDouble());
                assertEquals(best, h.get("bestSoFar").asDouble(), 1e-12);
            }
            JsonNode par = d.get("parallel");
            assertEquals("objective", par.get("dimensions").get(par.get("dimensions").size() - 1).asText());
            assertEquals(4, par.get("rows").size());
            assertTrue(d.get("importance").get("method").asText().contains("Spearman"));
            assertTrue(d.get("importance").get("params").size() >= 3);
            assertEquals(404, client.get("/api/experiments/nope").code());
        });
    }

    @Test
    void leaderboardPagesSortsAndFiltersInSql() {
        JavalinTest.test(server.create(), (s, client) -> {
            String base = "/api/experiments/" + WebFixture.EXPERIMENT + "/trials";
            JsonNode page = json(client.get(base + "?sort=objective&order=desc&offset=0&limit=3"));
            assertEquals(4, page.get("total").asInt());
            assertEquals(3, page.get("rows").size());
            double previous = Double.MAX_VALUE;
            for (JsonNode row : page.get("rows")) {
                assertTrue(row.get("objective").asDouble() <= previous);
                previous = row.get("objective").asDouble();
            }
            JsonNode second = json(client.get(base + "?sort=objective&order=desc&offset=3&limit=3"));
            assertEquals(1, second.get("rows").size());
            JsonNode asc = json(client.get(base + "?sort=number&order=asc"));
            assertEquals(0, asc.get("rows").get(0).get("number").asInt());
            assertEquals(0, json(client.get(base + "?status=failed,pruned")).get("total").asInt());
            assertEquals(4, json(client.get(base + "?status=completed")).get("total").asInt());
            assertEquals(400, client.get(base + "?sort=params_json").code());
            assertEquals(400, client.get(base + "?status=bogus").code());
            assertEquals(400, client.get(base + "?limit=0").code());
        });
    }

    @Test
    void exportsCsvAndJson() {
        JavalinTest.test(server.create(), (s, client) -> {
            Response csv = client.get("/api/experiments/" + WebFixture.EXPERIMENT + "/trials.csv");
            assertEquals(200, csv.code());
            assertTrue(csv.header("Content-Type").startsWith("text/csv"));
            List<String> lines = csv.body().string().lines().toList();
            assertEquals(5, lines.size());
            assertTrue(lines.get(0).startsWith("trial_id,number,attempt,status,objective"));
            assertTrue(lines.get(0).contains("layer1_units"));
            JsonNode rows = json(client.get("/api/experiments/" + WebFixture.EXPERIMENT + "/trials.json?status=completed"));
            assertEquals(4, rows.size());
        });
    }

    @Test
    void trialDetailHasCurvesConfusionAndMisclassified() {
        JavalinTest.test(server.create(), (s, client) -> {
            long id = bestTrialId(client);
            JsonNode t = json(client.get("/api/trials/" + id));
            assertEquals(WebFixture.EXPERIMENT, t.get("experiment").asText());
            assertEquals(2, t.get("curves").size());
            assertTrue(t.get("curves").get(0).get("trainLoss").asDouble() > 0);
            assertEquals(10, t.get("confusion").size());
            assertEquals(1000, t.get("testSize").asInt());
            int wrong = t.get("misclassifiedTotal").asInt();
            assertTrue(wrong > 0 && wrong < 1000);
            Set<Integer> missed = new HashSet<>();
            for (JsonNode m : t.get("misclassified")) missed.add(m.get("sampleIndex").asInt());
            assertFalse(t.get("correct").isEmpty());
            for (JsonNode c : t.get("correct")) {
                assertFalse(missed.contains(c.get("sampleIndex").asInt()));
                assertTrue(c.get("sampleIndex").asInt() < 1000);
            }
            assertEquals(1, t.get("attempts").size());
            assertTrue(t.get("hasModel").asBoolean());

            JsonNode first = t.get("misclassified").get(0);
            int tl = first.get("trueLabel").asInt();
            int pl = first.get("predicted").asInt();
            JsonNode filtered = json(client.get("/api/trials/" + id + "?true=" + tl + "&predicted=" + pl));
            assertEquals(t.get("confusion").get(tl).get(pl).asInt(), filtered.get("misclassified").size());
            for (JsonNode m : filtered.get("misclassified")) {
                assertEquals(tl, m.get("trueLabel").asInt());
                assertEquals(pl, m.get("predicted").asInt());
            }
            assertEquals(404, client.get("/api/trials/999999").code());
            assertEquals(400, client.get("/api/trials/abc").code());
            assertEquals(400, client.get("/api/trials/" + id + "?true=x").code());
        });
    }

    @Test
    void samplePngIsTheDigitScaledUp() {
        JavalinTest.test(server.create(), (s, client) -> {
            Response r = client.get("/api/samples/test/0.png?experiment=" + WebFixture.EXPERIMENT);
            assertEquals(200, r.code());
            assertEquals("image/png", r.header("Content-Type"));
            var img = ImageIO.read(new ByteArrayInputStream(r.body().bytes()));
            assertEquals(112, img.getWidth());
            assertEquals(112, img.getHeight());
            // The centre of an MNIST digit has ink; the corner is background.
            int ink = 0;
            for (int y = 0; y < 112; y++) for (int x = 0; x < 112; x++) if ((img.getRGB(x, y) & 0xff) > 128) ink++;
            assertTrue(ink > 200, "digit pixels drawn");
            assertEquals(0, img.getRGB(0, 0) & 0xff);
            assertEquals(200, client.get("/api/samples/train/59999.png").code());
            assertEquals(404, client.get("/api/samples/test/10000.png").code());
            assertEquals(400, client.get("/api/samples/test/-1x.png").code());
            assertEquals(400, client.get("/api/samples/secret/1.png").code());
            assertEquals(404, client.get("/api/samples/test/1.png?experiment=nope").code());
            int traversal = client.get("/api/samples/test/..%2F..%2Fetc%2Fpasswd.png").code();
            assertTrue(traversal == 400 || traversal == 404, "path text never reaches the filesystem: " + traversal);
        });
    }

    @Test
    void bestModelIsAZipWithModelAndCard() {
        JavalinTest.test(server.create(), (s, client) -> {
            Response r = client.get("/api/experiments/" + WebFixture.EXPERIMENT + "/best-model");
            assertEquals(200, r.code());
            assertTrue(r.header("Content-Disposition").startsWith("attachment"));
            Set<String> names = new HashSet<>();
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(r.body().bytes()))) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    names.add(e.getName());
                    if (e.getName().equals("model-card.json")) {
                        assertEquals(WebFixture.EXPERIMENT, JSON.readTree(zip.readAllBytes()).get("experiment").asText());
                    }
                }
            }
            assertEquals(Set.of("model.zip", "model.onnx", "model-card.json"), names);
            assertEquals(404, client.get("/api/experiments/" + enc(WebFixture.SCRIPT_NAME) + "/best-model").code());
        });
    }

    @Test
    void markupInNamesComesBackEscaped() {
        JavalinTest.test(server.create(), (s, client) -> {
            String body = client.get("/api/experiments").body().string();
            assertFalse(body.contains("<script>"), "no raw markup in JSON");
            assertTrue(body.contains("\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E"));
            JsonNode one = json(client.get("/api/experiments/" + enc(WebFixture.SCRIPT_NAME)));
            assertEquals(WebFixture.SCRIPT_NAME, one.get("experiment").get("name").asText());
            assertEquals("nosniff", client.get("/").header("X-Content-Type-Options"));
            assertTrue(client.get("/").header("Content-Security-Policy").contains("script-src 'self'"));
        });
    }

    @Test
    void submitValidatesLikeTheCli() {
        JavalinTest.test(server.create(), (s, client) -> {
            Response bad = client.request("/api/experiments", b -> b.header("X-Tuneboard", "1").post(RequestBody.create(
                    "name: broken\nmodel:\n  dropout: {uniform: [0.5, 0.1]}\nsearch: {trials: 0}\n", YAML)));
            assertEquals(400, bad.code());
            JsonNode errors = json(bad).get("errors");
            assertTrue(errors.size() >= 1);
            boolean located = false;
            for (JsonNode e : errors) {
                if (e.get("line").asInt() > 0 && !e.get("field").asText().isEmpty()) located = true;
                assertFalse(e.get("message").asText().isEmpty());
            }
            assertTrue(located, "errors carry line and field: " + errors);

            Response malformed = client.request("/api/experiments", b -> b.header("X-Tuneboard", "1").post(RequestBody.create("name: [unclosed\n", YAML)));
            assertEquals(400, malformed.code());
            assertTrue(json(malformed).get("errors").get(0).get("line").asInt() > 0);

            Response noData = client.request("/api/experiments", b -> b.header("X-Tuneboard", "1").post(RequestBody.create(
                    WebFixture.quickSpec("no-data").replace("dir: data/mnist", "dir: /nonexistent/folder"), YAML)));
            assertEquals(400, noData.code());
            assertEquals("data.dir", json(noData).get("errors").get(0).get("field").asText());
            assertFalse(store().find("no-data").isPresent(), "bad data writes nothing");

            // The validation split takes every training image in use: the problem is data.validation's.
            Response noTraining = client.request("/api/experiments", b -> b.header("X-Tuneboard", "1").post(RequestBody.create(
                    WebFixture.quickSpec("no-training").replace("validation: 1000", "validation: 3000"), YAML)));
            assertEquals(400, noTraining.code());
            JsonNode problem = json(noTraining).get("errors").get(0);
            assertEquals("data.validation", problem.get("field").asText());
            assertTrue(problem.get("message").asText().contains("3000"), problem.toString());
            assertFalse(store().find("no-training").isPresent(), "bad data writes nothing");

            Response duplicate = client.request("/api/experiments", b -> b.header("X-Tuneboard", "1").post(RequestBody.create(WebFixture.SPEC, YAML)));
            assertEquals(409, duplicate.code());

            String huge = "# " + "x".repeat(300 * 1024) + "\n" + WebFixture.quickSpec("huge");
            assertEquals(413, client.request("/api/experiments", b -> b.header("X-Tuneboard", "1").post(RequestBody.create(huge, YAML))).code());
        });
    }

    @Test
    void submittedSpecIsQueuedAndRuns() {
        JavalinTest.test(server.create(), (s, client) -> {
            String name = "web-submitted";
            RequestBody form = new MultipartBody.Builder().setType(MultipartBody.FORM)
                    .addFormDataPart("spec", "submitted.yaml", RequestBody.create(WebFixture.quickSpec(name), YAML)).build();
            Response created = client.request("/api/experiments", b -> b.header("X-Tuneboard", "1").post(form));
            assertEquals(201, created.code(), () -> "body: " + bodyOf(created));
            assertEquals(name, json(created).get("name").asText());
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            String status = "";
            while (System.nanoTime() < deadline) {
                status = store().find(name).orElseThrow().status().key();
                if (status.equals("completed") || status.equals("failed") || status.equals("stopped")) break;
                Thread.sleep(250);
            }
            assertEquals("completed", status);
            JsonNode page = json(client.get("/api/experiments/" + name + "/trials"));
            assertEquals(1, page.get("total").asInt());
            assertEquals("completed", page.get("rows").get(0).get("status").asText());
            assertEquals(409, client.request("/api/experiments/" + name + "/cancel", b -> b.header("X-Tuneboard", "1").post(RequestBody.create("", YAML))).code());
        });
    }

    @Test
    void cancellingARunningExperimentStopsItsTrialsCleanly() {
        JavalinTest.test(server.create(), (s, client) -> {
            String name = "web-cancelled";
            String spec = WebFixture.SPEC.replace("name: web-fixture", "name: " + name).replace("epochs: 2", "epochs: 30")
                    .replace("trials: 4", "trials: 20");
            assertEquals(201, client.request("/api/experiments", b -> b.header("X-Tuneboard", "1").post(RequestBody.create(spec, YAML))).code());
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                var e = store().find(name).orElseThrow();
                if (store().count(e.id(), java.util.Set.of(dev.tuneboard.trial.TrialStatus.RUNNING)) > 0) break;
                Thread.sleep(100);
            }
            Response cancelled = client.request("/api/experiments/" + name + "/cancel", b -> b.header("X-Tuneboard", "1").post(RequestBody.create("", YAML)));
            assertEquals(202, cancelled.code(), () -> "body: " + bodyOf(cancelled));
            String status = "";
            while (System.nanoTime() < deadline) {
                status = store().find(name).orElseThrow().status().key();
                if (status.equals("stopped")) break;
                Thread.sleep(100);
            }
            assertEquals("stopped", status);
            var e = store().find(name).orElseThrow();
            assertEquals(0, store().count(e.id(), java.util.Set.of(dev.tuneboard.trial.TrialStatus.RUNNING)));
            assertTrue(store().count(e.id(), java.util.Set.of(dev.tuneboard.trial.TrialStatus.STOPPED)) >= 1);
            assertTrue(store().all(e.id()).size() < 20, "no new trials after the cancel");
        });
    }

    @Test
    void tokenIsRequiredForChangesAndReadsWhenConfigured() {
        DashboardServer guarded = new DashboardServer(tuneboard.experiments(),
                new DashboardServer.Options("s3cret", Duration.ofSeconds(1)));
        Javalin app = guarded.create();
        JavalinTest.test(app, (s, client) -> {
            assertEquals(401, client.request("/api/experiments", b -> b.header("X-Tuneboard", "1").post(RequestBody.create(WebFixture.SPEC, YAML))).code());
            assertEquals(401, client.request("/api/experiments", b -> b.header("X-Tuneboard", "1").post(RequestBody.create(WebFixture.SPEC, YAML))
                    .header("Authorization", "Bearer wrong")).code());
            // With the token the request gets through to the checks (the name is taken → 409).
            assertEquals(409, client.request("/api/experiments", b -> b.header("X-Tuneboard", "1").post(RequestBody.create(WebFixture.SPEC, YAML))
                    .header("Authorization", "Bearer s3cret")).code());
            assertEquals(401, client.get("/api/experiments").code(), "with a token, reading needs it too");
            assertEquals(200, client.request("/api/experiments", b -> b.header("Authorization", "Bearer s3cret")).code());
        });
        guarded.close();
    }

    @Test
    void servesTheFrontEndEchartsAndOpenApi() {
        JavalinTest.test(server.create(), (s, client) -> {
            String index = client.get("/").body().string();
            assertTrue(index.contains("<script type=\"module\" src=\"/js/main.js\">"), index);
            assertEquals(200, client.get("/webjars/echarts/5.3.1/dist/echarts.min.js").code());
            JsonNode api = json(client.get("/api/openapi.json"));
            assertTrue(api.get("paths").has("/api/experiments/{name}/trials"));
            assertTrue(api.get("paths").has("/api/experiments/{name}/trials/{number}"));
            assertTrue(api.get("paths").has("/api/samples/{split}/{index}.png"));
            // The description of a trial row keeps up with the one JSON shape of a trial.
            java.util.Set<String> described = new java.util.TreeSet<>();
            api.get("components").get("schemas").get("TrialRow").get("properties").fieldNames().forEachRemaining(described::add);
            java.util.Set<String> served = new java.util.TreeSet<>();
            for (var c : dev.tuneboard.trial.TrialRow.class.getRecordComponents()) served.add(c.getName());
            assertEquals(served, described);
            // So does the importance chart's entry.
            described.clear();
            api.get("components").get("schemas").get("ExperimentDetail").get("properties").get("importance").get("properties")
                    .get("params").get("items").get("properties").fieldNames().forEachRemaining(described::add);
            served.clear();
            for (var c : dev.tuneboard.web.dto.ExperimentDetail.Importance.Entry.class.getRecordComponents()) served.add(c.getName());
            assertEquals(served, described);
            assertEquals(404, client.get("/api/nothing-here").code());
        });
    }

    /**
     * Browsers refuse a module script served with a non-JavaScript type (and nosniff is on): every module
     * the pages import must come back as JavaScript from the jar's static files.
     */
    @Test
    @Timeout(120)
    void servesEveryModuleAsJavaScript() throws IOException {
        List<String> modules;
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("web/js"))) {
            modules = files.filter(f -> f.toString().endsWith(".js")).map(f -> "/" + java.nio.file.Path.of("web").relativize(f)
                    .toString().replace('\\', '/')).sorted().toList();
        }
        assertTrue(modules.containsAll(List.of("/js/main.js", "/js/api.js", "/js/dom.js", "/js/pages/experiments.js",
                "/js/pages/experiment.js", "/js/pages/trial.js", "/js/pages/compare.js", "/js/pages/submit.js")), modules.toString());
        JavalinTest.test(server.create(), (s, client) -> {
            for (String module : modules) {
                try (Response r = client.get(module)) {
                    assertEquals(200, r.code(), module);
                    String type = r.header("Content-Type");
                    assertTrue(type != null && type.matches("(text|application)/javascript(;.*)?"), module + ": " + type);
                    assertTrue(r.body().string().contains("export ") || module.equals("/js/main.js"), module);
                }
            }
        });
    }

    /** The dashboard links trials by experiment and number; the route answers like /api/trials/{id} for the latest attempt. */
    @Test
    @Timeout(120)
    void trialByNumberIsTheLatestAttemptAsById() {
        JavalinTest.test(server.create(), (s, client) -> {
            JsonNode row = json(client.get("/api/experiments/" + WebFixture.EXPERIMENT + "/trials?limit=1")).get("rows").get(0);
            int number = row.get("number").asInt();
            String byNumber = client.get("/api/experiments/" + WebFixture.EXPERIMENT + "/trials/" + number + "?limit=5").body().string();
            String byId = client.get("/api/trials/" + row.get("id").asLong() + "?limit=5").body().string();
            assertEquals(JSON.readTree(byId), JSON.readTree(byNumber));
            assertEquals(number, JSON.readTree(byNumber).get("trial").get("number").asInt());

            // Two attempts of trial 0: the number means the latest one.
            var e = store().create(new dev.tuneboard.store.NewExperiment("two-attempts", "name: two-attempts\n", "0", "0",
                    Objective.VAL_ACCURACY, 1, 1));
            var first = store().start(e.id(), 0, 1, java.util.Map.of("dropout", 0.1), new double[]{0.5}, 11, "test");
            store().end(first.id(), dev.tuneboard.trial.TrialStatus.FAILED, "out of memory", 1.0);
            var second = store().start(e.id(), 0, 2, java.util.Map.of("dropout", 0.1), new double[]{0.5}, 11, "test");
            store().end(second.id(), dev.tuneboard.trial.TrialStatus.STOPPED, "stopped by test", 2.0);
            JsonNode latest = json(client.get("/api/experiments/two-attempts/trials/0"));
            assertEquals(second.id(), latest.get("trial").get("id").asLong());
            assertEquals(2, latest.get("trial").get("attempt").asInt());
            assertEquals(2, latest.get("attempts").size());
            assertEquals(JSON.readTree(client.get("/api/trials/" + second.id()).body().string()), latest);

            assertEquals(404, client.get("/api/experiments/two-attempts/trials/1").code());
            assertEquals(404, client.get("/api/experiments/nope/trials/0").code());
            assertEquals(404, client.get("/api/experiments/two-attempts/trials/99999999999").code());
            assertEquals(400, client.get("/api/experiments/two-attempts/trials/abc").code());
            assertEquals(400, client.get("/api/experiments/two-attempts/trials/-1").code());
        });
    }

    private static long bestTrialId(io.javalin.testtools.HttpClient client) throws IOException {
        return json(client.get("/api/experiments/" + WebFixture.EXPERIMENT + "/trials?limit=1")).get("rows").get(0).get("id").asLong();
    }

    private static String bodyOf(Response r) {
        try {
            return r.body().string();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
