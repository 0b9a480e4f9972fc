package dev.tuneboard.web;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.store.NewExperiment;
import dev.tuneboard.store.Store;
import dev.tuneboard.store.TrialStore;
import dev.tuneboard.store.jdbc.Database;
import dev.tuneboard.store.jdbc.JdbcStore;
import dev.tuneboard.trial.Misclassified;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.TestReport;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The experiment page's chart aggregates are cached per experiment: over real HTTP against a real H2 file,
 * a trial finished after the page was served shows up on the next request, also when another process
 * whose clock runs an hour behind wrote it (its finish is not the latest finish time).
 */
@Timeout(120)
class ExperimentPageCacheTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Tuneboard tuneboard;
    private JdbcStore behind;
    private DashboardServer dashboard;
    private Javalin web;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        tuneboard = new Tuneboard(dir, null);
        behind = new JdbcStore(Database.open(tuneboard.dbUrl(), null, null),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
        dashboard = new DashboardServer(tuneboard.experiments(), DashboardServer.Options.defaults());
        web = dashboard.create().start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        web.stop();
        dashboard.close();
        behind.close();
        tuneboard.close();
    }

    @Test
    void aTrialFinishedAfterThePageWasServedShowsOnTheNextRequest() throws Exception {
        Store store = tuneboard.store();
        long id = store.create(new NewExperiment("cached", "name: cached\n", "s", "d", Objective.VAL_ACCURACY, 3, 2)).id();
        TrialRecord first = start(store, id, 1, 0.01);
        TrialRecord second = start(store, id, 2, 0.02);
        TrialRecord third = start(store, id, 3, 0.03);
        complete(store, first, 0.90, null);

        JsonNode page = get("/api/experiments/cached");
        assertEquals(1, page.get("history").size());
        assertEquals(1, get("/api/experiments/cached").get("parallel").get("rows").size(), "served again, unchanged");

        // Another process, clock an hour behind: the latest finish time does not move, the page must still change.
        complete(behind, second, 0.95, null);
        page = get("/api/experiments/cached");
        assertEquals(2, page.get("history").size());
        assertEquals(0.95, page.get("history").get(1).get("bestSoFar").asDouble());
        assertEquals(2, page.get("parallel").get("rows").size());

        store.end(third.id(), TrialStatus.FAILED, "out of memory", 1);
        page = get("/api/experiments/cached");
        assertEquals(3, page.get("history").size());
        assertEquals("failed", page.get("history").get(2).get("status").asText());
        assertEquals(2, page.get("importance").get("trials").asInt());
    }

    @Test
    void unchangedExperimentsReuseTheirChartsAndChangedOnesRecompute() {
        Store store = tuneboard.store();
        var experiment = store.create(new NewExperiment("reuse", "name: reuse\n", "s", "d", Objective.VAL_ACCURACY, 2, 2));
        TrialRecord a = start(store, experiment.id(), 1, 0.1);
        TrialRecord b = start(store, experiment.id(), 2, 0.2);
        complete(store, a, 0.9, null);
        ChartCache cache = new ChartCache(store, DashboardServer.jsonMapper());
        ChartCache.Charts before = cache.of(experiment, ParamKinds.NONE);
        store.recordEpoch(b.id(), new dev.tuneboard.trial.EpochMetrics(1, 0.5, 0.4, 0.8, 1, 1000));
        assertSame(before, cache.of(experiment, ParamKinds.NONE), "an epoch of a running trial changes no chart");
        complete(store, b, 0.8, null);
        ChartCache.Charts after = cache.of(experiment, ParamKinds.NONE);
        assertNotSame(before, after);
        assertEquals(2, after.history().size());
    }

    @Test
    void theTrialPageSaysWhetherAModelWasKept() throws Exception {
        Store store = tuneboard.store();
        long id = store.create(new NewExperiment("models", "name: models\n", "s", "d", Objective.VAL_ACCURACY, 2, 2)).id();
        TrialRecord with = start(store, id, 1, 0.1);
        TrialRecord without = start(store, id, 2, 0.2);
        complete(store, with, 0.9, new byte[] {1, 2, 3});
        complete(store, without, 0.8, null);
        assertTrue(store.hasModel(with.id()));
        assertFalse(store.hasModel(without.id()));
        assertTrue(get("/api/trials/" + with.id()).get("hasModel").asBoolean());
        assertFalse(get("/api/trials/" + without.id()).get("hasModel").asBoolean());
    }

    @Test
    void thePageAndTheListCountEveryStartAndFinishAlsoFromAnotherProcess() throws Exception {
        Store store = tuneboard.store();
        long id = store.create(new NewExperiment("counts", "name: counts\n", "s", "d", Objective.VAL_ACCURACY, 3, 2)).id();
        TrialRecord first = start(store, id, 1, 0.01);
        assertCounts(1, 0, null);
        complete(store, first, 0.90, null);
        assertCounts(0, 1, 0.90);
        assertCounts(0, 1, 0.90);   // served from the caches, unchanged

        TrialRecord second = start(behind, id, 2, 0.02);
        assertCounts(1, 1, 0.90);
        complete(behind, second, 0.95, null);   // its finish time is an hour before the first one's
        assertCounts(0, 2, 0.95);
        JsonNode page = get("/api/experiments/counts");
        assertEquals(List.of("experiment", "spec", "space", "history", "parallel", "importance"),
                iterable(page.fieldNames()), "the page's JSON keeps ExperimentDetail's shape");
        assertTrue(page.get("history").isArray() && page.get("parallel").isObject() && page.get("importance").isObject(),
                "the cached chart JSON is spliced in as JSON, not as strings");
        assertEquals(List.of("dimensions", "numbers", "rows"), iterable(page.get("parallel").fieldNames()));
        assertEquals(2, page.get("parallel").get("rows").size());
        assertEquals(2, page.get("importance").get("trials").asInt());
    }

    /**
     * Issue 10's space over HTTP: the spec stored with the experiment tells the page that activation is an unordered
     * category (scored by eta, near 1 here although its vocabulary order does not follow the objective) and that
     * layer3_units only counts in trials that built 3 layers.
     */
    @Test
    void importanceFollowsTheStoredSpecsKindsOfParameter() throws Exception {
        String spec = """
                name: kinds
                data: {dir: data/mnist, train_limit: 2000, validation: 500, test_limit: 500}
                model:
                  hidden_layers: {count: {int: [2, 3]}, units: {int: [16, 64]}}
                  activation: {choice: [relu, elu, gelu, leaky_relu]}
                  dropout: 0.1
                training:
                  learning_rate: 0.001
                  batch_size: 64
                  epochs: 1
                search: {algorithm: random, trials: 12, parallelism: 1, seed: 3}
                """;
        Store store = tuneboard.store();
        long id = store.create(new NewExperiment("kinds", spec, "kinds-hash", "d", Objective.VAL_ACCURACY, 12, 1)).id();
        double[] byActivation = {0.90, 0.97, 0.93, 0.95};   // index order relu, elu, gelu, leaky_relu: not monotonic
        for (int n = 1; n <= 12; n++) {
            int activation = (n - 1) % 4;
            int layers = n % 3 == 0 ? 3 : 2;
            TrialRecord t = store.start(id, n, 1, Map.of("layers", layers, "layer3_units", 16 + 3 * n,
                    "activation", activation), new double[] {n}, n, "test");
            complete(store, t, byActivation[activation] + n / 10_000.0, null);
        }
        JsonNode importance = get("/api/experiments/kinds").get("importance");
        assertTrue(importance.get("method").asText().contains("η"), importance::toString);
        Map<String, JsonNode> entries = new java.util.HashMap<>();
        for (JsonNode e : importance.get("params")) entries.put(e.get("param").asText(), e);
        assertEquals("eta", entries.get("activation").get("measure").asText());
        assertTrue(entries.get("activation").get("score").asDouble() > 0.95, importance::toString);
        assertEquals(12, entries.get("activation").get("trials").asInt());
        assertEquals(4, entries.get("layer3_units").get("trials").asInt(), "only trials 3, 6, 9, 12 built layer 3");
        assertEquals("spearman", entries.get("layers").get("measure").asText());
    }

    /** The experiment page and its entry in the list agree on the counts and the best objective. */
    private void assertCounts(int running, int completed, Double best) throws Exception {
        JsonNode one = get("/api/experiments/counts").get("experiment");
        JsonNode listed = null;
        for (JsonNode e : get("/api/experiments")) if (e.get("name").asText().equals("counts")) listed = e;
        for (JsonNode view : new JsonNode[] {one, listed}) {
            assertEquals(running, view.get("running").asInt(), view::toString);
            assertEquals(completed, view.get("completed").asInt(), view::toString);
            if (best == null) assertTrue(view.get("bestObjective").isNull(), view::toString);
            else assertEquals(best, view.get("bestObjective").asDouble(), view::toString);
        }
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    private static TrialRecord start(TrialStore store, long experimentId, int number, double lr) {
        return store.start(experimentId, number, 1, Map.of("learning_rate", lr), new double[] {lr}, number, "test");
    }

    private static void complete(TrialStore store, TrialRecord t, double accuracy, byte[] model) {
        TestReport test = new TestReport(accuracy, 0.1, new int[][] {{9, 1}, {0, 10}}, List.of(new Misclassified(3, 0, 1, 0.6)));
        store.finish(t.id(), TrialStatus.COMPLETED, new TrialStore.TrialResult(accuracy, 0.1, accuracy, test, model, 1, 1,
                1000, null));
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r::body);
        return JSON.readTree(r.body());
    }
}
