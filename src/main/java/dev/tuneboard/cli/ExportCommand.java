package dev.tuneboard.cli;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.export.ModelExporter;
import dev.tuneboard.export.OnnxExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "export", description = "Write the best trial's model (model.zip, and model.onnx for ONNX runtimes) and model card (model-card.json).")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Experiment name.")
    String name;

    @Option(names = "--out", required = true, description = "Folder to write into (created if missing).")
    Path out;

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
                best = new ModelExporter(app.store()).best(name);
            } catch (ModelExporter.UnreadableModelException | OnnxExporter.UnsupportedModelException e) {
                // Checked before anything is written: --out is left as it was.
                System.err.println("error: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            if (best.isEmpty()) {
                System.err.println("error: experiment '" + name + "' has no completed trial with a model yet");
                return ExitCodes.BAD_INPUT;
            }
            ModelExporter.writeTo(best.get(), out);
            System.out.printf("trial %d (val accuracy %.4f, test accuracy %.4f) → %s, %s and %s%n", best.get().trial().number(),
                    best.get().trial().valAccuracy(), best.get().trial().testAccuracy(), out.resolve("model.zip"),
                    out.resolve("model.onnx"), out.resolve("model-card.json"));
            return ExitCodes.OK;
        }
    }
}
