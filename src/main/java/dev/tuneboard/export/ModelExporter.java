package dev.tuneboard.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tuneboard.model.MlpArchitecture;
import dev.tuneboard.spec.SpecException;
import dev.tuneboard.spec.SpecLoader;
import dev.tuneboard.trial.Tradeoffs;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.LeaderboardQuery;
import dev.tuneboard.store.Store;
import dev.tuneboard.trial.Retrained;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The chosen completed trial of an experiment (best by the validation objective among those meeting the spec's
 * limits; with two objectives, ties go to the better second one), or one named trial, as a DL4J model zip and a
 * model card that says how it was made: params, seed, metrics, spec and data hashes, versions, date.
 */
public final class ModelExporter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Store store;
    private final OnnxExporter onnxExporter;
    private final SpecLoader specs;

    public ModelExporter(Store store, SpecLoader specs) {
        this.store = store;
        this.specs = specs;
        String version = ModelExporter.class.getPackage().getImplementationVersion();
        this.onnxExporter = new OnnxExporter("tuneboard " + (version == null ? "dev" : version));
    }

    public ModelExporter(Store store) {
        this(store, new SpecLoader());
    }

    /** The experiment's second objective and limits, from its stored spec (none when it no longer parses). */
    public Tradeoffs tradeoffs(ExperimentRecord e) {
        try {
            return specs.parse(e.specText(), "stored spec of " + e.name()).tradeoffs();
        } catch (SpecException unreadable) {
            return Tradeoffs.NONE;
        }
    }

    /**
     * Completed trials in the order the chosen one is picked from: feasible under the limits only, best on the
     * objective first, ties on it going to the better second objective (so the first is on the Pareto front).
     */
    public List<TrialRecord> ranked(ExperimentRecord e, Tradeoffs t, int limit) {
        List<TrialRecord> ranked = new java.util.ArrayList<>(store.leaderboard(e.id(),
                new LeaderboardQuery("objective", e.maximize(), Set.of(TrialStatus.COMPLETED), 0, limit)
                        .feasibleOnly(t.constraints())));
        if (t.twoObjectives()) {
            // Stable: only trials tied on the objective change places.
            ranked.sort((a, b) -> {
                if (Double.compare(e.objective().value(a), e.objective().value(b)) != 0) return 0;
                double sa = t.second().value(a), sb = t.second().value(b);
                return t.second().better(sa, sb) ? -1 : t.second().better(sb, sa) ? 1 : 0;
            });
        }
        return ranked;
    }

    /** A trial named by the user breaks the experiment's limits, or has no model to export. */
    public static final class NotExportableException extends RuntimeException {
        public NotExportableException(String message) {
            super(message);
        }
    }

    /**
     * Trial {@code number} of the experiment (its latest attempt); empty when the experiment or trial does not
     * exist. Throws {@link NotExportableException} when it did not complete with a model, or breaks the limits and
     * {@code ignoreLimits} is false.
     */
    public Optional<Export> trial(String experimentName, int number, boolean ignoreLimits) {
        Optional<ExperimentRecord> e = store.find(experimentName);
        if (e.isEmpty()) return Optional.empty();
        Optional<TrialRecord> found = store.byNumber(e.get().id(), number);
        if (found.isEmpty()) return Optional.empty();
        TrialRecord t = found.get();
        if (t.status() != TrialStatus.COMPLETED) {
            throw new NotExportableException("trial " + number + " of '" + experimentName + "' is " + t.status().key()
                    + ", not completed: only completed trials are exported");
        }
        var limits = tradeoffs(e.get()).constraints();
        if (!ignoreLimits && !limits.feasible(t.cost())) {
            throw new NotExportableException("trial " + number + " of '" + experimentName + "' breaks the experiment's limits ("
                    + limits.violation(t.cost()) + "); pass --ignore-limits to export it anyway");
        }
        Optional<byte[]> model = store.model(t.id());
        if (model.isEmpty()) throw new NotExportableException("trial " + number + " of '" + experimentName + "' has no stored model");
        MultiLayerNetwork net = checkReadable(e.get(), t, model.get());
        byte[] onnx = onnxExporter.toOnnx(net, e.get().name() + " trial " + t.number());
        Map<String, Object> madeBy = store.detail(t.id()).map(d -> d.provenance()).orElse(Map.of());
        Map<String, Object> card = card(e.get(), t, model.get().length, madeBy);
        card.put("selection", "trial " + number + " named by the user (export --trial), not necessarily the best");
        if (limits.any()) card.put("limits", limits.feasible(t.cost()) ? "met" : "broken: " + limits.violation(t.cost()));
        return Optional.of(new Export(e.get(), t, model.get(), onnx, card));
    }

    /** {@code onnx}: the same network as an ONNX model (see {@link OnnxExporter}). */
    public record Export(ExperimentRecord experiment, TrialRecord trial, byte[] model, byte[] onnx, Map<String, Object> card) {
    }

    /** The best trial's stored model bytes do not load as a DL4J network: exporting them would hand out garbage. */
    public static final class UnreadableModelException extends RuntimeException {
        public UnreadableModelException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Empty when the experiment has no completed trial with a stored model. Throws
     * {@link UnreadableModelException} when the best trial's stored model cannot be loaded: a silent
     * fallback to another trial would export something other than what the leaderboard shows. Throws
     * {@link OnnxExporter.UnsupportedModelException} when the network has a layer or activation ONNX export
     * does not translate.
     */
    public Optional<Export> best(String experimentName) {
        Optional<ExperimentRecord> e = store.find(experimentName);
        if (e.isEmpty()) return Optional.empty();
        Optional<TrialRecord> chosen = chosen(e.get());
        if (chosen.isEmpty()) return Optional.empty();
        TrialRecord t = chosen.get();
        Optional<byte[]> model = store.model(t.id());
        if (model.isEmpty()) return Optional.empty();
        MultiLayerNetwork net = checkReadable(e.get(), t, model.get());
        byte[] onnx = onnxExporter.toOnnx(net, e.get().name() + " trial " + t.number());
        Map<String, Object> madeBy = store.detail(t.id()).map(d -> d.provenance()).orElse(Map.of());
        Map<String, Object> card = card(e.get(), t, model.get().length, madeBy);
        Tradeoffs tradeoffs = tradeoffs(e.get());
        if (tradeoffs.constraints().any()) card.put("limits", "met (best among trials meeting " + tradeoffs.constraints() + ")");
        if (tradeoffs.twoObjectives()) card.put("pareto", "best on " + e.get().objective().metric().key()
                + " among the Pareto front with " + tradeoffs.second().metric().key());
        return Optional.of(new Export(e.get(), t, model.get(), onnx, card));
    }

    /**
     * The trial whose model the experiment hands out (export, download, the dashboard's predictions): the
     * first of {@link #ranked} (feasible, best on the objective, ties to the better second objective) that has a
     * stored model.
     */
    public Optional<TrialRecord> chosen(ExperimentRecord e) {
        for (TrialRecord t : ranked(e, tradeoffs(e), 20)) {
            if (store.hasModel(t.id())) return Optional.of(t);
        }
        return Optional.empty();
    }

    /** Loads the bytes the way a user of the export will (plain ModelSerializer), so a corrupt model fails here. */
    private static MultiLayerNetwork checkReadable(ExperimentRecord e, TrialRecord t, byte[] model) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(model), false);
        } catch (Exception | Error unreadable) {
            if (unreadable instanceof VirtualMachineError vm) throw vm;
            throw new UnreadableModelException("the stored model of trial " + t.number() + " (attempt " + t.attempt()
                    + ", trial id " + t.id() + ") of experiment '" + e.name() + "' is unreadable: its " + model.length
                    + " bytes are not a DL4J model zip (" + unreadable.getClass().getSimpleName() + ": " + unreadable.getMessage()
                    + "); train it again with `tuneboard rerun " + e.name() + " " + t.number() + "`", unreadable);
        }
    }

    /** {@code madeBy}: the trial's recorded provenance (empty for trials stored before it was recorded). */
    public static Map<String, Object> card(ExperimentRecord e, TrialRecord t, long modelBytes, Map<String, Object> madeBy) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("experiment", e.name());
        card.put("trial", t.number());
        card.put("attempt", t.attempt());
        card.put("params", t.params());
        card.put("seed", t.seed());
        MlpArchitecture architecture = new MlpArchitecture(t.params());
        card.put("architecture", architecture.describe());
        card.put("parameters", architecture.parameterCount());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("objective_metric", e.objective().metric().key());
        metrics.put("val_accuracy", t.valAccuracy());
        metrics.put("val_loss", t.valLoss());
        metrics.put("test_accuracy", t.testAccuracy());
        metrics.put("test_loss", t.testLoss());
        metrics.put("epochs", t.epochsDone());
        // With early stopping the model is the best epoch's, not the last one's: the note says which.
        if (t.stopReason() != null) metrics.put("note", t.stopReason());
        metrics.put("train_seconds", t.seconds());
        if (t.cost() != null) {
            metrics.put("parameters", t.cost().parameters());
            metrics.put("latency_ms_batch_1", t.cost().latencyMs());
            metrics.put("latency_ms_batch_256", t.cost().latencyMs256());
            metrics.put("latency_note", "median CPU ms of one forward pass, one thread, " + t.cost().calls1() + " and "
                    + t.cost().calls256() + " timed calls after warm-up, on the machine that trained it");
        }
        card.put("metrics", metrics);
        card.put("selection", "best " + e.objective().metric().key() + " (" + e.objective().direction().key() + ") on the validation split "
                + "carved from the training set; the test set was only scored for this report");
        card.put("spec_sha256", e.specHash());
        card.put("data_sha256", e.dataHash());
        card.put("model_format", "DL4J MultiLayerNetwork zip (ModelSerializer), without updater state");
        card.put("model_bytes", modelBytes);
        card.put("input", "28×28 grey pixels scaled to [0, 1], white digit on black, flattened row by row");
        card.put("onnx", OnnxExporter.describe());
        Map<String, Object> provenance = new LinkedHashMap<>(madeBy);
        provenance.put("trained_at", t.finishedAt() == null ? null : t.finishedAt().toString());
        provenance.put("exported_at", Instant.now().toString());
        card.put("provenance", provenance);
        card.put("spec", e.specText());
        return card;
    }

    /**
     * The model retrained from trial {@code t} on training + validation, with a card that says so: its test
     * accuracy first, then the selection trial's numbers (validation chose it; the trial stays the record).
     */
    public Export retrained(ExperimentRecord e, TrialRecord t, Retrained r, byte[] model) {
        Map<String, Object> madeBy = store.detail(t.id()).map(d -> d.provenance()).orElse(Map.of());
        Map<String, Object> card = card(e, t, model.length, madeBy);
        Map<String, Object> retrained = new LinkedHashMap<>();
        retrained.put("trained_on", "train+validation");
        retrained.put("train_size", r.trainSize());
        retrained.put("epochs", r.epochs());
        retrained.put("epochs_from", "the selection trial's best epoch by " + e.objective().metric().key() + " in its stored curve");
        retrained.put("seed", t.seed());
        retrained.put("test_accuracy", r.testAccuracy());
        retrained.put("test_loss", r.testLoss());
        retrained.put("test_size", r.testSize());
        retrained.put("train_seconds", r.seconds());
        retrained.put("retrained_at", r.createdAt().toString());
        retrained.put("note", "no validation split was held out, so this model has no validation metrics; the test set "
                + "was scored once, for this report");
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("trial", t.number());
        selection.put("attempt", t.attempt());
        selection.put("val_accuracy", t.valAccuracy());
        selection.put("test_accuracy", t.testAccuracy());
        selection.put("epochs", t.epochsDone());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("experiment", e.name());
        out.put("retrained", retrained);
        out.put("selection_trial", selection);
        card.forEach((k, v) -> {
            if (!k.equals("experiment") && !k.equals("trial") && !k.equals("attempt") && !k.equals("metrics")) out.put(k, v);
        });
        MultiLayerNetwork net = checkReadable(e, t, model);
        return new Export(e, t, model, onnxExporter.toOnnx(net, e.name() + " trial " + t.number() + " retrained on train+validation"), out);
    }

    /** Writes model.zip, model.onnx and model-card.json into {@code dir}; each file appears whole or not at all. */
    public static void writeTo(Export export, Path dir) throws IOException {
        Files.createDirectories(dir);
        writeWhole(dir.resolve("model.zip"), export.model());
        writeWhole(dir.resolve("model.onnx"), export.onnx());
        writeWhole(dir.resolve("model-card.json"), JSON.writeValueAsBytes(export.card()));
    }

    private static void writeWhole(Path target, byte[] content) throws IOException {
        // Not createTempFile: its 0600 would stay on the model, which people copy to other machines and accounts.
        // A plain new file gets the permissions the user's umask gives any file they write.
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".part");
        Files.createFile(tmp);
        try {
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The same three files in one zip, for a download. */
    public static byte[] bundle(Export export) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "model.zip", export.model());
            put(zip, "model.onnx", export.onnx());
            put(zip, "model-card.json", JSON.writeValueAsBytes(export.card()));
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        ((OutputStream) zip).write(content);
        zip.closeEntry();
    }
}
