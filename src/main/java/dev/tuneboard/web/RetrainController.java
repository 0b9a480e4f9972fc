package dev.tuneboard.web;

import dev.tuneboard.export.ModelExporter;
import dev.tuneboard.run.Experiments;
import dev.tuneboard.spec.SpecException;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.Store;
import dev.tuneboard.trial.Retrained;
import dev.tuneboard.trial.TrialRecord;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * The chosen trial retrained on training + validation: start it (in the background), see how it is doing,
 * download it. "Chosen" is the best completed trial by the objective, as for the best-model download.
 */
final class RetrainController {
    private final Experiments service;
    private final Store store;
    private final Retrainer retrainer;
    private final ModelExporter models;

    RetrainController(Experiments service, Retrainer retrainer, ModelExporter models) {
        this.service = service;
        this.store = service.store();
        this.retrainer = retrainer;
        this.models = models;
    }

    /** Where retraining of an experiment's chosen trial stands: none, running, failed or done (with its numbers). */
    record Status(String state, Integer trial, Integer epochs, Integer trainSize, Double testAccuracy, Integer testSize,
                  Double seconds, String retrainedAt, Double trialValAccuracy, Double trialTestAccuracy, String error) {
        static Status of(String state, TrialRecord t, Retrained r, String error) {
            return new Status(state, t == null ? null : t.number(), r == null ? null : r.epochs(), r == null ? null : r.trainSize(),
                    r == null ? null : r.testAccuracy(), r == null ? null : r.testSize(), r == null ? null : r.seconds(),
                    r == null ? null : r.createdAt().toString(), t == null ? null : t.valAccuracy(),
                    t == null ? null : t.testAccuracy(), error);
        }
    }

    /** POST: starts retraining the chosen trial ({@code ?force=true}: even when a retrained model is stored). */
    void start(Context ctx) throws SpecException {
        ExperimentRecord e = experiment(ctx);
        TrialRecord chosen = chosen(e).orElseThrow(() -> new BadRequestResponse("experiment has no completed trial to retrain yet"));
        boolean force = "true".equals(ctx.queryParam("force"));
        Optional<Retrained> stored = store.retrained(chosen.id());
        if (stored.isPresent() && !force) {
            ctx.json(Status.of("done", chosen, stored.get(), null));
            return;
        }
        retrainer.start(service.open(e), chosen, force);
        ctx.status(HttpStatus.ACCEPTED).json(Status.of("running", chosen, null, null));
    }

    void status(Context ctx) {
        ExperimentRecord e = experiment(ctx);
        Optional<Retrainer.Job> job = retrainer.job(e.name());
        Optional<TrialRecord> chosen = chosen(e);
        if (job.isPresent()) {
            TrialRecord t = store.byNumber(e.id(), job.get().trial()).orElse(null);
            ctx.json(Status.of(job.get().running() ? "running" : "failed", t, null, job.get().error()));
            return;
        }
        Optional<Retrained> r = chosen.flatMap(t -> store.retrained(t.id()));
        ctx.json(Status.of(r.isPresent() ? "done" : "none", chosen.orElse(null), r.orElse(null), null));
    }

    /** GET: a zip with the retrained model.zip and its model-card.json. */
    void download(Context ctx) throws IOException {
        ExperimentRecord e = experiment(ctx);
        TrialRecord chosen = chosen(e).orElseThrow(() -> new NotFoundResponse("experiment has no completed trial yet"));
        Retrained r = store.retrained(chosen.id()).orElseThrow(() -> new NotFoundResponse("the chosen trial has not been retrained"));
        byte[] model = store.retrainedModel(chosen.id()).orElseThrow(() -> new NotFoundResponse("the retrained model is gone"));
        ctx.header("Content-Disposition", "attachment; filename=\"" + ExperimentController.fileName(e.name())
                + "-retrained-model.zip\"");
        ctx.contentType("application/zip").result(ModelExporter.bundle(models.retrained(e, chosen, r, model)));
    }

    /** The trial export hands out: feasible under the spec's limits, with a stored model. */
    private Optional<TrialRecord> chosen(ExperimentRecord e) {
        return models.chosen(e);
    }

    private ExperimentRecord experiment(Context ctx) {
        String name = PathParams.experimentName(ctx);
        return store.find(name).orElseThrow(() -> new NotFoundResponse("no experiment named '" + name + "'"));
    }
}
