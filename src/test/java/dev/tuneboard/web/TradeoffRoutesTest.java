package dev.tuneboard.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.LeaderboardQuery;
import dev.tuneboard.trial.Misclassified;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import io.javalin.testtools.JavalinTest;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /pareto and /hardest against a real H2 store holding really trained trials ({@link TradeoffFixture}). */
@Timeout(600)
class TradeoffRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Objective LATENCY = new Objective(Objective.Metric.LATENCY_MS, Objective.Direction.MINIMIZE);
    private static final Objective SIZE = new Objective(Objective.Metric.PARAMETERS, Objective.Direction.MINIMIZE);
    private static Tuneboard tuneboard;
    private static DashboardServer server;
    private static ExperimentRecord experiment;
    private static List<TrialRecord> completed;

    @BeforeAll
    static void setUp() throws Exception {
        tuneboard = TradeoffFixture.app();
        server = new DashboardServer(tuneboard.experiments(), DashboardServer.Options.defaults());
        experiment = tuneboard.store().find(TradeoffFixture.PARETO).orElseThrow();
        completed = tuneboard.store().leaderboard(experiment.id(),
                new LeaderboardQuery("objective", true, Set.of(TrialStatus.COMPLETED), 0, 100));
    }

    @AfterAll
    static void tearDown() {
        if (server != null) server.close();
    }

    private static JsonNode json(Response r) throws IOException {
        assertEquals(200, r.code(), () -> "HTTP " + r.code());
        return JSON.readTree(r.body().string());
    }

    /** The front by its definition: measured, and no trial at least as good on both and better on one. */
    private static Set<Integer> frontByDefinition(Objective second) {
        Set<Integer> front = new HashSet<>();
        for (TrialRecord a : completed) {
            double a1 = a.valAccuracy(), a2 = second.value(a);
            boolean dominated = completed.stream().anyMatch(b -> {
                double b1 = b.valAccuracy(), b2 = second.value(b);
                return b1 >= a1 && b2 <= a2 && (b1 > a1 || b2 < a2);
            });
            if (!Double.isNaN(a2) && !dominated) front.add(a.number());
        }
        return front;
    }

    @Test
    void every_real_trial_has_a_measured_cost_matching_its_architecture() {
        assertEquals(8, completed.size());
        for (TrialRecord t : completed) {
            assertNotNull(t.cost(), "trial " + t.number());
            int units = t.params().get("layer1_units").intValue();
            assertEquals(784L * units + units + units * 10L + 10, t.cost().parameters());
            assertTrue(t.cost().latencyMs() > 0 && t.cost().calls1() >= 5 && t.cost().calls256() >= 5, t.cost().toString());
        }
    }

    @Test
    void pareto_marks_the_front_against_latency_and_size_and_names_the_chosen_trial() {
        JavalinTest.test(server.create(), (s, client) -> {
            JsonNode p = json(client.get("/api/experiments/pareto-fixture/pareto"));
            assertEquals("latency_ms", p.get("against").asText(), "the second objective is the default axis");
            assertEquals("latency_ms", p.get("second").get("metric").asText());
            assertEquals(8, p.get("points").size());
            Set<Integer> front = new HashSet<>();
            for (JsonNode pt : p.get("points")) {
                if (pt.get("front").asBoolean()) front.add(pt.get("number").asInt());
                assertTrue(pt.get("feasible").asBoolean(), "no limits: every trial is feasible");
                assertTrue(pt.get("latencyMs").asDouble() > 0 && pt.get("parameters").asLong() > 0);
            }
            assertEquals(frontByDefinition(LATENCY), front);
            assertEquals(front.size(), p.get("frontSize").asInt());
            // The chosen trial: the best val accuracy (ties: lower latency), which is on the front.
            TrialRecord best = completed.stream().min((a, b) -> a.valAccuracy().equals(b.valAccuracy())
                    ? Double.compare(a.cost().latencyMs(), b.cost().latencyMs()) : Double.compare(b.valAccuracy(), a.valAccuracy())).orElseThrow();
            assertEquals(best.number(), p.get("chosen").asInt());
            assertTrue(front.contains(best.number()));

            JsonNode bySize = json(client.get("/api/experiments/pareto-fixture/pareto?against=parameters"));
            Set<Integer> sizeFront = new HashSet<>();
            for (JsonNode pt : bySize.get("points")) if (pt.get("front").asBoolean()) sizeFront.add(pt.get("number").asInt());
            assertEquals(frontByDefinition(SIZE), sizeFront);
            // The smallest network is always on the size front (nothing is smaller), unless a tie at its size is more accurate.
            assertTrue(sizeFront.stream().anyMatch(n -> completed.stream().filter(t -> t.number() == n)
                    .allMatch(t -> t.params().get("layer1_units").intValue() == 8)));

            assertEquals(400, client.get("/api/experiments/pareto-fixture/pareto?against=flops").code());
            assertEquals(404, client.get("/api/experiments/nothing-here/pareto").code());
        });
    }

    @Test
    void hardest_names_the_images_most_of_the_top_k_got_wrong_exactly() {
        JavalinTest.test(server.create(), (s, client) -> {
            JsonNode h = json(client.get("/api/experiments/pareto-fixture/hardest?k=3&limit=20"));
            List<TrialRecord> top = completed.subList(0, 3);
            List<Integer> numbers = new ArrayList<>();
            h.get("trials").forEach(t -> numbers.add(t.get("number").asInt()));
            assertEquals(top.stream().map(TrialRecord::number).toList(), numbers, "the top 3 by objective");
            // Recounted from each trial's own stored misclassified list, which holds every miss (1 - accuracy of 1000).
            Map<Integer, Integer> wrong = new HashMap<>();
            Map<Integer, Map<Integer, Integer>> labels = new HashMap<>();
            for (TrialRecord t : top) {
                List<Misclassified> misses = tuneboard.store().detail(t.id()).orElseThrow().misclassified();
                assertEquals(Math.round((1 - t.testAccuracy()) * 1000), misses.size(), "every miss of trial " + t.number() + " is stored");
                for (Misclassified m : misses) {
                    wrong.merge(m.sampleIndex(), 1, Integer::sum);
                    labels.computeIfAbsent(m.sampleIndex(), k -> new HashMap<>()).merge(m.predictedLabel(), 1, Integer::sum);
                }
            }
            JsonNode samples = h.get("samples");
            assertEquals(Math.min(20, wrong.size()), samples.size());
            int previous = Integer.MAX_VALUE;
            for (JsonNode sample : samples) {
                int index = sample.get("index").asInt();
                assertEquals(wrong.get(index), sample.get("wrong").asInt(), "image " + index);
                assertEquals(3, sample.get("of").asInt());
                Map<Integer, Integer> votes = labels.get(index);
                int most = votes.values().stream().max(Integer::compare).orElseThrow();
                assertEquals(most, sample.get("commonWrongCount").asInt());
                assertEquals(most, (int) votes.get(sample.get("commonWrongLabel").asInt()));
                assertTrue(sample.get("wrong").asInt() <= previous, "most wrong first");
                previous = sample.get("wrong").asInt();
                assertTrue(sample.get("image").asText().startsWith("/api/samples/test/" + index + ".png?experiment=pareto-fixture"));
            }
            int hardest = samples.get(0).get("wrong").asInt();
            assertEquals(wrong.values().stream().max(Integer::compare).orElseThrow(), hardest);
            Response png = client.get(samples.get(0).get("image").asText());
            assertEquals(200, png.code());
            assertEquals("image/png", png.header("Content-Type"));

            assertEquals(5, json(client.get("/api/experiments/pareto-fixture/hardest")).get("k").asInt(), "k defaults to 5");
            assertEquals(400, client.get("/api/experiments/pareto-fixture/hardest?k=0").code());
            assertEquals(400, client.get("/api/experiments/pareto-fixture/hardest?limit=100000").code());
            assertEquals(404, client.get("/api/experiments/nothing-here/hardest").code());
        });
    }
}
