package dev.tuneboard.web;

import dev.tuneboard.data.DataException;
import dev.tuneboard.data.IdxFile;
import dev.tuneboard.store.Store;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import java.nio.file.Path;
import java.util.Locale;

/** {@code /api/samples/{split}/{index}.png}: one digit drawn from the IDX pixels. */
final class SampleController {
    private final Store store;
    private final DataDirs dataDirs;
    private final SampleImages images;

    SampleController(Store store, DataDirs dataDirs, SampleImages images) {
        this.store = store;
        this.dataDirs = dataDirs;
        this.images = images;
    }

    void png(Context ctx) {
        SampleImages.SplitFile split = switch (ctx.pathParam("split").toLowerCase(Locale.ROOT)) {
            case "test" -> SampleImages.SplitFile.TEST;
            case "train" -> SampleImages.SplitFile.TRAIN;
            default -> throw new BadRequestResponse("split must be test or train");
        };
        int index;
        try {
            index = Integer.parseInt(ctx.pathParam("index"));
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("index must be an integer");
        }
        Path dir = DataDirs.DEFAULT;
        String experiment = ctx.queryParam("experiment");
        if (experiment != null && !experiment.isBlank()) {
            dir = dataDirs.of(store.find(experiment).orElseThrow(() -> new NotFoundResponse("no experiment named '" + experiment + "'")));
        }
        IdxFile file;
        try {
            file = images.images(dir, split);
        } catch (DataException e) {
            throw new NotFoundResponse("data folder of this experiment is not available");
        }
        if (index < 0 || index >= file.count()) {
            throw new NotFoundResponse("index must be in [0, " + file.count() + ") for the " + split.name().toLowerCase(Locale.ROOT) + " images");
        }
        ctx.header("Cache-Control", "public, max-age=86400");
        ctx.contentType("image/png").result(SampleImages.png(file, index));
    }
}
