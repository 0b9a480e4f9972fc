package dev.tuneboard.web;

import dev.tuneboard.data.DataException;
import dev.tuneboard.data.IdxFile;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.Store;
import dev.tuneboard.trial.Misclassified;
import dev.tuneboard.trial.TrialDetail;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.Numbers;
import dev.tuneboard.trial.TrialRow;
import dev.tuneboard.web.dto.TrialView;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One trial: curves, confusion matrix, misclassified test digits (filterable by cell), a few right ones. */
final class TrialController {
    private static final int CORRECT_SAMPLES = 12;

    private final Store store;
    private final DataDirs dataDirs;
    private final SampleImages images;

    TrialController(Store store, DataDirs dataDirs, SampleImages images) {
        this.store = store;
        this.dataDirs = dataDirs;
        this.images = images;
    }

    /** The latest attempt of trial {@code number} of experiment {@code name}: what the dashboard links to. */
    void byNumber(Context ctx) {
        String name = PathParams.experimentName(ctx);
        long number = PathParams.positiveLong(ctx, "number");
        ExperimentRecord e = store.find(name).orElseThrow(() -> new NotFoundResponse("no experiment named " + name));
        TrialRecord t = (number > Integer.MAX_VALUE ? Optional.<TrialRecord>empty() : store.byNumber(e.id(), (int) number))
                .orElseThrow(() -> new NotFoundResponse("experiment " + name + " has no trial " + number));
        detail(ctx, t.id());
    }

    void detail(Context ctx) {
        detail(ctx, PathParams.positiveLong(ctx, "id"));
    }

    private void detail(Context ctx, long id) {
        TrialDetail d = store.detail(id).orElseThrow(() -> new NotFoundResponse("no trial with id " + id));
        ExperimentRecord e = store.findById(d.trial().experimentId()).orElseThrow(() -> new NotFoundResponse("no experiment"));
        Integer wantTrue = label(ctx, "true");
        Integer wantPredicted = label(ctx, "predicted");
        int limit = PathParams.queryInt(ctx, "limit", 200, 1, 10_000);

        List<TrialView.Miss> misses = new ArrayList<>();
        Set<Integer> wrong = new HashSet<>();
        for (Misclassified m : d.misclassified()) {
            wrong.add(m.sampleIndex());
            if (wantTrue != null && m.trueLabel() != wantTrue) continue;
            if (wantPredicted != null && m.predictedLabel() != wantPredicted) continue;
            if (misses.size() < limit) misses.add(new TrialView.Miss(m.sampleIndex(), m.trueLabel(), m.predictedLabel(), m.confidence()));
        }
        int[][] confusion = d.confusion();
        int testSize = 0;
        for (int[] row : confusion) for (int c : row) testSize += c;

        ctx.json(new TrialView(e.name(), e.objective().metric().key(), TrialRow.of(d.trial()),
                d.epochs().stream().map(m -> new TrialView.Epoch(m.epoch(), Numbers.finite(m.trainLoss()),
                        Numbers.finite(m.valLoss()), Numbers.finite(m.valAccuracy()), Numbers.finite(m.seconds()))).toList(),
                confusion, testSize, d.misclassified().size(), misses, correct(e, testSize, wrong, wantTrue),
                d.attempts().stream().map(TrialRow::of).toList(), store.hasModel(id), d.provenance()));
    }

    /**
     * Test rows are the first {@code testSize} images of the test file (see DigitDataLoader), so any index
     * below it that is not misclassified was predicted right; its label comes from the labels file.
     */
    private List<TrialView.Correct> correct(ExperimentRecord e, int testSize, Set<Integer> wrong, Integer wantLabel) {
        List<TrialView.Correct> out = new ArrayList<>();
        IdxFile labels = null;
        try {
            labels = images.labels(dataDirs.of(e), SampleImages.SplitFile.TEST);
        } catch (DataException ignored) {
            // Data folder gone: indices without labels are still worth showing.
        }
        int step = Math.max(1, testSize / 97);
        for (int i = 0; i < testSize && out.size() < CORRECT_SAMPLES; i += step) {
            if (wrong.contains(i)) continue;
            Integer label = labels != null && i < labels.count() ? labels.unsigned(i, 0) : null;
            if (wantLabel != null && !wantLabel.equals(label)) continue;
            out.add(new TrialView.Correct(i, label));
        }
        return out;
    }

    private static Integer label(Context ctx, String param) {
        String v = ctx.queryParam(param);
        if (v == null || v.isBlank()) return null;
        try {
            int n = Integer.parseInt(v.strip());
            if (n < 0 || n > 255) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException ex) {
            throw new BadRequestResponse(param + " must be a class label (0-255)");
        }
    }
}
