package dev.tuneboard.web;

import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.Store;
import dev.tuneboard.trial.AnytimeCurve;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Several experiments' best-so-far curves side by side (what `tuneboard compare --plot` draws), for a page that
 * compares search methods across experiments.
 */
final class AnytimeController {
    private static final int MAX_EXPERIMENTS = 50;

    private final Store store;

    AnytimeController(Store store) {
        this.store = store;
    }

    record Run(String experiment, String metric, String direction, double endMinutes, List<AnytimeCurve.Step> steps) {
    }

    record Anytime(List<Run> runs) {
    }

    /**
     * {@code GET /api/anytime?experiment=a&experiment=b} (exact names: a name may hold a comma) or
     * {@code ?experiments=a,b}: per experiment, in the order asked, its best-so-far steps.
     */
    void anytime(Context ctx) {
        List<String> asked = new ArrayList<>(ctx.queryParams("experiment"));
        String commaList = ctx.queryParam("experiments");
        if (commaList != null) asked.addAll(Arrays.stream(commaList.split(",")).map(String::trim).toList());
        List<String> names = asked.stream().filter(s -> !s.isEmpty()).distinct().toList();
        if (names.isEmpty() || names.size() > MAX_EXPERIMENTS) {
            throw new BadRequestResponse("expected 1.." + MAX_EXPERIMENTS + " experiment names: experiment=NAME (repeatable) "
                    + "or experiments=a,b");
        }
        List<Run> runs = new ArrayList<>();
        for (String name : names) {
            ExperimentRecord e = store.find(name).orElseThrow(() -> new NotFoundResponse("no experiment named '" + name + "'"));
            AnytimeCurve c = new AnytimeCurve(e.name(), e.objective(), e.startedAt(), store.all(e.id()));
            runs.add(new Run(e.name(), e.objective().metric().key(), e.objective().direction().key(), c.endMinutes(), c.steps()));
        }
        ctx.json(new Anytime(runs));
    }
}
