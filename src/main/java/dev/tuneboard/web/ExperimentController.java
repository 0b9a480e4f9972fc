package dev.tuneboard.web;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneboard.export.ModelExporter;
import dev.tuneboard.export.OnnxExporter;
import dev.tuneboard.run.Experiments;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.Param;
import dev.tuneboard.spec.SpecException;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.ExperimentSummary;
import dev.tuneboard.store.LeaderboardPage;
import dev.tuneboard.store.LeaderboardQuery;
import dev.tuneboard.store.Store;
import dev.tuneboard.trial.Constraints;
import dev.tuneboard.trial.Tradeoffs;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import dev.tuneboard.web.dto.ExperimentDetail;
import dev.tuneboard.web.dto.ExperimentView;
import dev.tuneboard.web.dto.TrialPage;
import dev.tuneboard.trial.TrialRow;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Experiments: list, one with chart aggregates, leaderboard pages and exports, best model, cancel. */
final class ExperimentController {
    private static final int EXPORT_PAGE = 10_000;

    private final Experiments service;
    private final Store store;
    private final RunQueue queue;
    private final Clock clock;
    private final ObjectMapper json;
    private final ChartCache charts;
    private final ModelExporter models;

    ExperimentController(Experiments service, ModelExporter models, RunQueue queue, Clock clock, ObjectMapper json) {
        this.service = service;
        this.models = models;
        Store store = service.store();
        this.store = store;
        this.charts = new ChartCache(store, json);
        this.queue = queue;
        this.clock = clock;
        this.json = json;
    }

    void list(Context ctx) {
        var now = clock.instant();
        ctx.json(store.list().stream().map(s -> view(s, now)).toList());
    }

    /**
     * Under the spec's limits the store's bests (over every trial) may be a trial that breaks them; the page then
     * shows the trial export and download hand out instead.
     */
    private ExperimentView view(ExperimentSummary s, Instant now) {
        ExperimentRecord e = s.experiment();
        ExperimentView v = ExperimentView.of(s, now, queue.active(e.name()));
        Constraints limits = limits(e);
        if (!limits.any()) return v;
        List<TrialRecord> ranked = models.ranked(e, new Tradeoffs(null, limits), 1);
        return v.chosen(ranked.isEmpty() ? null : ranked.get(0), e.objective());
    }

    void one(Context ctx) {
        ExperimentSummary s = summary(ctx);
        ExperimentRecord e = s.experiment();
        Map<String, String> space = new LinkedHashMap<>();
        ParamKinds kinds = ParamKinds.NONE;
        try {
            ExperimentSpec spec = service.open(e).spec();   // parsed once per spec text
            spec.parameters().forEach((k, p) -> space.put(k, p.describe()));
            kinds = kinds(spec);
        } catch (SpecException ignored) {
            // A spec stored by an older version may not parse any more; the page still shows its text.
        }
        ChartCache.Charts c = charts.of(e, kinds);
        ctx.json(new DetailJson(view(s, clock.instant()), e.specText(), space,
                c.historyJson(), c.parallelJson(), c.importanceJson()));
    }

    /** Named options are unordered categories; with a searched layer count, layer N's units exist only from N layers on. */
    private ParamKinds kinds(ExperimentSpec spec) {
        Set<String> categorical = new LinkedHashSet<>();
        spec.parameters().forEach((name, p) -> {
            if (p instanceof Param.Named) categorical.add(name);
        });
        Map<String, Integer> layer = new LinkedHashMap<>();
        if (spec.model().layers() != null) {
            for (int i = 0; i < spec.model().hiddenUnits().size(); i++) layer.put(ExperimentSpec.unitsName(i), i + 1);
        }
        return new ParamKinds(categorical, layer.isEmpty() ? null : ExperimentSpec.LAYERS, layer);
    }

    /** {@link ExperimentDetail}'s JSON with the cached chart JSON spliced in as it is. */
    record DetailJson(ExperimentView experiment, String spec, Map<String, String> space, @JsonRawValue String history,
                      @JsonRawValue String parallel, @JsonRawValue String importance) {
    }

    void trials(Context ctx) {
        ExperimentRecord e = experiment(ctx);
        LeaderboardQuery q = query(ctx, e, 50);
        Constraints limits = limits(e);
        // ?feasible=true: only the trials meeting the spec's limits; otherwise every row says whether it does.
        if ("true".equals(ctx.queryParam("feasible"))) q = q.feasibleOnly(limits);
        LeaderboardPage page = store.page(e.id(), q);
        List<TrialRow> rows = page.rows().stream().map(t -> TrialRow.of(t, limits)).toList();
        int total = q.feasibleUnder().any() ? countFeasible(e, q) : page.total();
        ctx.json(new TrialPage(total, q.offset(), q.limit(), q.sortBy(), q.descending() ? "desc" : "asc", rows));
    }

    private Constraints limits(ExperimentRecord e) {
        try {
            return service.open(e).spec().tradeoffs().constraints();
        } catch (SpecException unreadable) {
            return Constraints.NONE;
        }
    }

    /** The store counts by status only; feasible rows are counted by reading their ids' pages. */
    private int countFeasible(ExperimentRecord e, LeaderboardQuery q) {
        int n = 0;
        for (int offset = 0; ; offset += EXPORT_PAGE) {
            int got = store.leaderboard(e.id(), new LeaderboardQuery(q.sortBy(), q.descending(), q.statuses(), offset, EXPORT_PAGE,
                    q.feasibleUnder())).size();
            n += got;
            if (got < EXPORT_PAGE) return n;
        }
    }

    void trialsJson(Context ctx) throws IOException {
        ExperimentRecord e = experiment(ctx);
        List<TrialRow> rows = everything(ctx, e).stream().map(TrialRow::of).toList();
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(e.name()) + "-trials.json\"");
        ctx.contentType("application/json").result(json.writeValueAsBytes(rows));
    }

    void trialsCsv(Context ctx) {
        ExperimentRecord e = experiment(ctx);
        List<TrialRecord> all = everything(ctx, e);
        Set<String> params = new LinkedHashSet<>();
        for (TrialRecord t : all) params.addAll(t.params().keySet());
        StringBuilder out = new StringBuilder("trial_id,number,attempt,status,objective,val_accuracy,val_loss,test_accuracy,"
                + "test_loss,epochs,seconds");
        for (String p : params) out.append(',').append(Csv.cell(p));
        out.append(",error,stop_reason\n");
        for (TrialRecord t : all) {
            out.append(t.id()).append(',').append(t.number()).append(',').append(t.attempt()).append(',')
                    .append(t.status().key()).append(',').append(Csv.num(t.objective())).append(',')
                    .append(Csv.num(t.valAccuracy())).append(',').append(Csv.num(t.valLoss())).append(',')
                    .append(Csv.num(t.testAccuracy())).append(',').append(Csv.num(t.testLoss())).append(',')
                    .append(t.epochsDone()).append(',').append(Csv.num(t.seconds()));
            for (String p : params) {
                Number v = t.params().get(p);
                out.append(',').append(v == null ? "" : v.toString());
            }
            out.append(',').append(Csv.cell(t.error())).append(',').append(Csv.cell(t.stopReason())).append('\n');
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(e.name()) + "-trials.csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(out.toString());
    }

    void bestModel(Context ctx) throws IOException {
        ExperimentRecord e = experiment(ctx);
        Optional<ModelExporter.Export> found;
        try {
            found = models.best(e.name());
        } catch (OnnxExporter.UnsupportedModelException unsupported) {
            throw new ConflictResponse("the best model cannot be exported: " + unsupported.getMessage());
        }
        var best = found.orElseThrow(() -> new NotFoundResponse("experiment has no completed trial with a model yet"));
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(e.name()) + "-best-model.zip\"");
        ctx.contentType("application/zip").result(ModelExporter.bundle(best));
    }

    void cancel(Context ctx) {
        ExperimentRecord e = experiment(ctx);
        if (!queue.cancel(e.name(), "cancelled from the dashboard")) {
            throw new ConflictResponse("experiment is not queued or running in this dashboard");
        }
        ctx.status(HttpStatus.ACCEPTED).json(Map.of("name", e.name(), "status", "stopping"));
    }

    private ExperimentRecord experiment(Context ctx) {
        String name = PathParams.experimentName(ctx);
        return store.find(name).orElseThrow(() -> new NotFoundResponse("no experiment named '" + name + "'"));
    }

    private ExperimentSummary summary(Context ctx) {
        String name = PathParams.experimentName(ctx);
        return store.summary(name).orElseThrow(() -> new NotFoundResponse("no experiment named '" + name + "'"));
    }

    /** Every matching trial (export), read in pages so no single query is unbounded. */
    private List<TrialRecord> everything(Context ctx, ExperimentRecord e) {
        LeaderboardQuery first = query(ctx, e, EXPORT_PAGE);
        List<TrialRecord> all = new ArrayList<>();
        for (int offset = 0; ; offset += EXPORT_PAGE) {
            List<TrialRecord> page = store.leaderboard(e.id(),
                    new LeaderboardQuery(first.sortBy(), first.descending(), first.statuses(), offset, EXPORT_PAGE));
            all.addAll(page);
            if (page.size() < EXPORT_PAGE) return all;
        }
    }

    /** sort/order/status/offset/limit from the query string; defaults: best objective first, all statuses. */
    static LeaderboardQuery query(Context ctx, ExperimentRecord e, int defaultLimit) {
        String sort = ctx.queryParam("sort");
        if (sort == null || sort.isBlank()) sort = "objective";
        if (!LeaderboardQuery.SORTABLE.contains(sort)) {
            throw new BadRequestResponse("sort must be one of " + new java.util.TreeSet<>(LeaderboardQuery.SORTABLE));
        }
        String order = ctx.queryParam("order");
        boolean descending;
        if (order == null || order.isBlank()) descending = sort.equals("objective") ? e.maximize() : sort.contains("accuracy");
        else if (order.equals("desc")) descending = true;
        else if (order.equals("asc")) descending = false;
        else throw new BadRequestResponse("order must be asc or desc");
        Set<TrialStatus> statuses = EnumSet.noneOf(TrialStatus.class);
        String status = ctx.queryParam("status");
        if (status != null && !status.isBlank()) {
            for (String s : status.split(",")) {
                try {
                    statuses.add(TrialStatus.of(s.strip().toLowerCase(Locale.ROOT)));
                } catch (IllegalArgumentException ex) {
                    throw new BadRequestResponse("unknown status '" + s.strip() + "'; expected queued, running, completed, "
                            + "pruned, failed or stopped");
                }
            }
        }
        int offset = PathParams.queryInt(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = PathParams.queryInt(ctx, "limit", defaultLimit, 1, 10_000);
        return new LeaderboardQuery(sort, descending, statuses, offset, limit);
    }

    /** A download file name: the experiment name with anything unusual replaced. */
    static String fileName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "experiment" : safe;
    }

    /** RFC 4180 cells; text that a spreadsheet would run as a formula gets a leading quote. */
    static final class Csv {
        private Csv() {
        }

        static String num(Double v) {
            return v == null || v.isNaN() || v.isInfinite() ? "" : v.toString();
        }

        static String cell(String s) {
            if (s == null) return "";
            if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) s = "'" + s;
            if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") || s.contains("'")) {
                return '"' + s.replace("\"", "\"\"") + '"';
            }
            return s;
        }
    }
}
