package dev.tuneboard.cli;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.data.DataException;
import dev.tuneboard.export.ModelExporter;
import dev.tuneboard.run.Experiments;
import dev.tuneboard.run.RunException;
import dev.tuneboard.spec.SpecException;
import dev.tuneboard.train.EpochDecision;
import dev.tuneboard.train.EpochListener;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.export.OnnxExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "export", description = "Write the chosen trial's model (model.zip, and model.onnx for ONNX runtimes) and model card "
        + "(model-card.json): the best on the objective among trials meeting the spec's limits (ties: better second objective), or --trial N.")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Experiment name.")
    String name;

    @Option(names = "--out", required = true, description = "Folder to write into (created if missing).")
    Path out;

    @Option(names = "--trial", description = "Export this trial (its latest attempt) instead of the chosen one.")
    Integer trial;

    @Option(names = "--ignore-limits", description = "With --trial: export it even if it breaks the spec's max_parameters/max_latency_ms.")
    boolean ignoreLimits;

    @Mixin
    StoreOptions store;

    @Option(names = "--retrain-full", description = "Export the chosen trial's configuration retrained on training + validation "
            + "for its best epoch count (with its seed), test accuracy reported once; kept in the store and reused next time.")
    boolean retrainFull;

    @Option(names = "--force-retrain", description = "With --retrain-full: train again even when a retrained model is stored.")
    boolean forceRetrain;

    @Override
    public Integer call() throws Exception {
        try (Tuneboard app = store.open()) {
            if (Problems.experiment(app.store(), name).isEmpty()) return ExitCodes.BAD_INPUT;
            Optional<ModelExporter.Export> best;
            try {
                ModelExporter exporter = new ModelExporter(app.store(), app.specs());
                best = trial == null ? exporter.best(name) : exporter.trial(name, trial, ignoreLimits);
                if (trial != null && best.isEmpty()) {
                    System.err.println("error: --trial: experiment '" + name + "' has no trial " + trial);
                    return ExitCodes.BAD_INPUT;
                }
            } catch (ModelExporter.NotExportableException e) {
                System.err.println("error: --trial: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            } catch (ModelExporter.UnreadableModelException | OnnxExporter.UnsupportedModelException e) {
                // Checked before anything is written: --out is left as it was.
                System.err.println("error: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            if (best.isEmpty()) {
                System.err.println("error: experiment '" + name + "' has no completed trial with a model yet"
                        + " that meets its limits (max_parameters, max_latency_ms), if it has any");
                return ExitCodes.BAD_INPUT;
            }
            if (retrainFull) return retrainFull(app, best.get());
            ModelExporter.writeTo(best.get(), out);
            System.out.printf("trial %d (val accuracy %.4f, test accuracy %.4f) → %s, %s and %s%n", best.get().trial().number(),
                    best.get().trial().valAccuracy(), best.get().trial().testAccuracy(), out.resolve("model.zip"),
                    out.resolve("model.onnx"), out.resolve("model-card.json"));
            return ExitCodes.OK;
        }
    }

    private int retrainFull(Tuneboard app, ModelExporter.Export chosen) throws Exception {
        TrialRecord t = chosen.trial();
        Experiments.Retraining r;
        try {
            Experiments.Opened opened = app.experiments().open(chosen.experiment());
            System.out.printf("retraining trial %d on train+validation with seed %d (or reusing the stored retrained model)%n",
                    t.number(), t.seed());
            r = app.experiments().retrain(opened, t, forceRetrain, new EpochListener() {
                @Override
                public EpochDecision onEpoch(EpochMetrics m) {
                    return EpochDecision.CONTINUE;
                }

                @Override
                public void onProgress(int epoch, int batchesDone, int batchesTotal, double lastLoss) {
                    if (batchesDone == batchesTotal) System.out.printf("  epoch %d: %d batches, loss %.4f%n", epoch, batchesTotal, lastLoss);
                }
            });
        } catch (SpecException | DataException | RunException e) {
            return Problems.badInput(e, "data of " + name);
        }
        byte[] model = app.store().retrainedModel(t.id()).orElseThrow();
        ModelExporter.writeTo(new ModelExporter(app.store()).retrained(chosen.experiment(), t, r.model(), model), out);
        System.out.printf("%s model of trial %d: %d epochs on %d images (train+validation), test accuracy %.4f "
                        + "(the trial: val %.4f, test %.4f) → %s and %s%n", r.reused() ? "stored retrained" : "retrained",
                t.number(), r.model().epochs(), r.model().trainSize(), r.model().testAccuracy(), t.valAccuracy(), t.testAccuracy(),
                out.resolve("model.zip"), out.resolve("model-card.json"));
        return ExitCodes.OK;
    }
}
