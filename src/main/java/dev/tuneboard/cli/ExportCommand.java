package dev.tuneboard.cli;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.export.ModelExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "export", description = "Write the chosen trial's model (model.zip) and model card (model-card.json): the best on the objective "
        + "among trials meeting the spec's limits (ties: better second objective), or --trial N.")
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

    @Override
    public Integer call() throws Exception {
        try (Tuneboard app = store.open()) {
            if (app.store().find(name).isEmpty()) {
                System.err.println("error: no experiment named '" + name + "'");
                return ExitCodes.BAD_INPUT;
            }
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
            } catch (ModelExporter.UnreadableModelException e) {
                // Checked before anything is written: --out is left as it was.
                System.err.println("error: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            if (best.isEmpty()) {
                System.err.println("error: experiment '" + name + "' has no completed trial with a model yet"
                        + " that meets its limits (max_parameters, max_latency_ms), if it has any");
                return ExitCodes.BAD_INPUT;
            }
            ModelExporter.writeTo(best.get(), out);
            System.out.printf("trial %d (val accuracy %.4f, test accuracy %.4f) → %s and %s%n", best.get().trial().number(),
                    best.get().trial().valAccuracy(), best.get().trial().testAccuracy(), out.resolve("model.zip"),
                    out.resolve("model-card.json"));
            return ExitCodes.OK;
        }
    }
}
