package dev.tuneboard.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tuneboard.model.MlpArchitecture;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.LeaderboardQuery;
import dev.tuneboard.store.Store;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
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
 * The best completed trial of an experiment (by the validation objective) as a DL4J model zip and a
 * model card that says how it was made: params, seed, metrics, spec and data hashes, versions, date.
 */
public final class ModelExporter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Store store;

    public ModelExporter(Store store) {
        this.store = store;
    }

    public record Export(ExperimentRecord experiment, TrialRecord trial, byte[] model, Map<String, Object> card) {
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
     * fallback to another trial would export something other than what the leaderboard shows.
     */
    public Optional<Export> best(String experimentName) {
        Optional<ExperimentRecord> e = store.find(experimentName);
        if (e.isEmpty()) return Optional.empty();
        List<TrialRecord> ranked = store.leaderboard(e.get().id(),
                new LeaderboardQuery("objective", e.get().maximize(), Set.of(TrialStatus.COMPLETED), 0, 20));
        for (TrialRecord t : ranked) {
            Optional<byte[]> model = store.model(t.id());
            if (model.isPresent()) {
                checkReadable(e.get(), t, model.get());
                Map<String, Object> madeBy = store.detail(t.id()).map(d -> d.provenance()).orElse(Map.of());
                return Optional.of(new Export(e.get(), t, model.get(), card(e.get(), t, model.get().length, madeBy)));
            }
        }
        return Optional.empty();
    }

    /** Loads the bytes the way a user of the export will (plain ModelSerializer), so a corrupt model fails here. */
    private static void checkReadable(ExperimentRecord e, TrialRecord t, byte[] model) {
        try {
            ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(model), false);
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
        card.put("metrics", metrics);
        card.put("selection", "best " + e.objective().metric().key() + " (" + e.objective().direction().key() + ") on the validation split "
                + "carved from the training set; the test set was only scored for this report");
        card.put("spec_sha256", e.specHash());
        card.put("data_sha256", e.dataHash());
        card.put("model_format", "DL4J MultiLayerNetwork zip (ModelSerializer), without updater state");
        card.put("model_bytes", modelBytes);
        card.put("input", "28×28 grey pixels scaled to [0, 1], white digit on black, flattened row by row");
        Map<String, Object> provenance = new LinkedHashMap<>(madeBy);
        provenance.put("trained_at", t.finishedAt() == null ? null : t.finishedAt().toString());
        provenance.put("exported_at", Instant.now().toString());
        card.put("provenance", provenance);
        card.put("spec", e.specText());
        return card;
    }

    /** Writes model.zip and model-card.json into {@code dir}; each file appears whole or not at all. */
    public static void writeTo(Export export, Path dir) throws IOException {
        Files.createDirectories(dir);
        writeWhole(dir.resolve("model.zip"), export.model());
        writeWhole(dir.resolve("model-card.json"), JSON.writeValueAsBytes(export.card()));
    }

    private static void writeWhole(Path target, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        try {
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The same two files in one zip, for a download. */
    public static byte[] bundle(Export export) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "model.zip", export.model());
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
