package dev.tuneboard.web;

import dev.tuneboard.data.DataException;
import dev.tuneboard.run.Experiments;
import dev.tuneboard.run.RunException;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.SpecException;
import dev.tuneboard.spec.SpecProblem;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.StoreException;
import dev.tuneboard.web.dto.SpecErrors;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/experiments}: a YAML spec (raw body, or multipart field {@code spec}) checked exactly
 * like {@code tuneboard run} checks it (spec problems, then the data folder), stored as queued and run.
 */
final class SubmitController {
    static final int MAX_BYTES = 256 * 1024;

    private final Experiments experiments;
    private final RunQueue queue;

    SubmitController(Experiments experiments, RunQueue queue) {
        this.experiments = experiments;
        this.queue = queue;
    }

    void submit(Context ctx) {
        if (ctx.contentLength() > MAX_BYTES) throw tooLarge();
        String label = "spec.yaml";
        String text;
        if (ctx.isMultipartFormData()) {
            UploadedFile file = ctx.uploadedFile("spec");
            if (file != null) {
                if (file.size() > MAX_BYTES) throw tooLarge();
                text = read(file.content());
                if (file.filename() != null && !file.filename().isBlank()) label = file.filename();
            } else {
                text = ctx.formParam("spec");
                if (text == null) throw new BadRequestResponse("expected a multipart field named 'spec'");
            }
        } else {
            text = read(ctx.bodyInputStream());
        }

        ExperimentSpec spec;
        try {
            spec = experiments.specs().parse(text, label);
            // The same data check `run`, `validate` and `submit` make before anything is written.
            experiments.datasets().check(spec);
        } catch (SpecException e) {
            rejected(ctx, e.problems());
            return;
        } catch (DataException e) {
            rejected(ctx, List.of(new SpecProblem(label, 0, 0, e.field(), e.getMessage())));
            return;
        }
        if (experiments.store().find(spec.name()).isPresent()) throw exists(spec.name());
        ExperimentRecord record;
        try {
            record = experiments.submit(spec);
        } catch (DataException e) {
            // The folder changed since the check a moment ago.
            rejected(ctx, List.of(new SpecProblem(label, 0, 0, e.field(), e.getMessage())));
            return;
        } catch (RunException | StoreException e) {
            // Another request (or a CLI run) took the name between the check and the insert.
            throw exists(spec.name());
        }
        queue.submit(spec, record);
        ctx.status(HttpStatus.CREATED).json(Map.of("name", spec.name(), "status", record.status().key()));
    }

    private static void rejected(Context ctx, List<SpecProblem> problems) {
        ctx.status(HttpStatus.BAD_REQUEST).json(new SpecErrors(problems.stream().map(SpecErrors.Problem::of).toList()));
    }

    private static ConflictResponse exists(String name) {
        return new ConflictResponse("an experiment named '" + name + "' already exists");
    }

    private static ContentTooLargeResponse tooLarge() {
        return new ContentTooLargeResponse("a spec may be at most " + MAX_BYTES / 1024 + " KiB");
    }

    /** Reads at most MAX_BYTES (a chunked body has no length to check up front). */
    private static String read(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) throw tooLarge();
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
