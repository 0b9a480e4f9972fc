package dev.tuneboard.web;

import dev.tuneboard.export.ModelExporter;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.LeaderboardQuery;
import dev.tuneboard.store.Store;
import dev.tuneboard.trial.Constraints;
import dev.tuneboard.trial.HardSample;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.ParetoFront;
import dev.tuneboard.trial.Tradeoffs;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import dev.tuneboard.trial.Numbers;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the chosen model costs against what it gets right: the Pareto front of completed trials (objective against
 * latency or size), and the test images the best trials still get wrong.
 */
final class TradeoffController {
    private static final int PAGE = 10_000;

    private final Store store;
    private final ModelExporter chooser;

    TradeoffController(Store store, ModelExporter chooser) {
        this.store = store;
        this.chooser = chooser;
    }

    record Limits(Long maxParameters, Double maxLatencyMs) {
    }

    record ObjectiveJson(String metric, String direction) {
        static ObjectiveJson of(Objective o) {
            return o == null ? null : new ObjectiveJson(o.metric().key(), o.direction().key());
        }
    }

    record Point(long id, int number, int attempt, Double objective, Double valAccuracy, Long parameters, Double latencyMs,
                 Double latencyMs256, boolean feasible, boolean front) {
    }

    record Pareto(String experiment, ObjectiveJson objective, ObjectiveJson second, String against, Limits limits,
                  Integer chosen, int frontSize, List<Point> points) {
    }

    /**
     * {@code GET /api/experiments/{name}/pareto?against=latency_ms|parameters}: every completed trial, the front
     * among the feasible ones on (objective, {@code against}); default {@code against}: the second objective, else latency.
     */
    void pareto(Context ctx) {
        ExperimentRecord e = experiment(ctx);
        Tradeoffs t = chooser.tradeoffs(e);
        Objective.Metric against = against(ctx, t);
        Constraints limits = t.constraints();
        List<TrialRecord> completed = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<TrialRecord> page = store.leaderboard(e.id(),
                    new LeaderboardQuery("objective", e.maximize(), Set.of(TrialStatus.COMPLETED), offset, PAGE));
            completed.addAll(page);
            if (page.size() < PAGE) break;
        }
        List<TrialRecord> feasible = completed.stream().filter(r -> limits.feasible(r.cost())).toList();
        Set<Long> front = new ParetoFront(e.objective(), new Objective(against, against.naturalDirection())).of(feasible);
        List<Point> points = completed.stream().map(r -> new Point(r.id(), r.number(), r.attempt(), Numbers.finite(r.objective()),
                Numbers.finite(r.valAccuracy()), r.cost() == null ? null : r.cost().parameters(),
                r.cost() == null ? null : Numbers.finite(r.cost().latencyMs()),
                r.cost() == null ? null : Numbers.finite(r.cost().latencyMs256()),
                limits.feasible(r.cost()), front.contains(r.id()))).toList();
        Integer chosen = chooser.ranked(e, t, 1).stream().findFirst().map(TrialRecord::number).orElse(null);
        ctx.json(new Pareto(e.name(), ObjectiveJson.of(e.objective()), ObjectiveJson.of(t.second()), against.key(),
                new Limits(limits.maxParameters(), limits.maxLatencyMs()), chosen, front.size(), points));
    }

    private static Objective.Metric against(Context ctx, Tradeoffs t) {
        String v = ctx.queryParam("against");
        if (v == null || v.isBlank()) return t.twoObjectives() ? t.second().metric() : Objective.Metric.LATENCY_MS;
        if (v.equals("latency_ms")) return Objective.Metric.LATENCY_MS;
        if (v.equals("parameters")) return Objective.Metric.PARAMETERS;
        throw new BadRequestResponse("against must be latency_ms or parameters");
    }

    record TrialRef(long id, int number) {
    }

    record Hard(int index, int trueLabel, int wrong, int of, int commonWrongLabel, int commonWrongCount, String image) {
        static Hard of(HardSample s, String experiment) {
            return new Hard(s.sampleIndex(), s.trueLabel(), s.wrong(), s.of(), s.commonWrongLabel(), s.commonWrongCount(),
                    "/api/samples/test/" + s.sampleIndex() + ".png?experiment=" + java.net.URLEncoder.encode(experiment,
                            java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
    }

    record Hardest(String experiment, int k, List<TrialRef> trials, List<Hard> samples) {
    }

    /**
     * {@code GET /api/experiments/{name}/hardest?k=5&limit=50}: across the top k completed trials (the order the
     * chosen trial is picked in: feasible only, best objective first), the test images most of them got wrong.
     */
    void hardest(Context ctx) {
        ExperimentRecord e = experiment(ctx);
        int k = PathParams.queryInt(ctx, "k", 5, 1, 100);
        int limit = PathParams.queryInt(ctx, "limit", 50, 1, 1000);
        List<TrialRecord> top = chooser.ranked(e, chooser.tradeoffs(e), k);
        List<HardSample> samples = store.hardest(top.stream().map(TrialRecord::id).toList(), limit);
        ctx.json(new Hardest(e.name(), k, top.stream().map(r -> new TrialRef(r.id(), r.number())).toList(),
                samples.stream().map(s -> Hard.of(s, e.name())).toList()));
    }

    private ExperimentRecord experiment(Context ctx) {
        String name = PathParams.experimentName(ctx);
        return store.find(name).orElseThrow(() -> new NotFoundResponse("no experiment named '" + name + "'"));
    }
}
