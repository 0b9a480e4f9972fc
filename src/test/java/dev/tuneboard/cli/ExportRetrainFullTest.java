package dev.tuneboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.LeaderboardQuery;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.TrialDetail;
import dev.tuneboard.trial.TrialRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `export --retrain-full`: the chosen configuration trained again on train + validation for its best epoch count,
 * scored once on test, kept in the store and said so in the card; the selection trial is left as it was.
 */
class ExportRetrainFullTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void retrains_the_chosen_trial_on_train_and_validation_for_its_best_epoch_and_says_so_in_the_card() throws Exception {
        String results = CliTest.runQuietly(dir, "retrain-full", CliTest.tinySpec("retrain-full", 3000, 500, 1000, 2, 11)).toString();

        TrialRecord before;
        byte[] modelBefore;
        int bestEpoch;
        try (Tuneboard app = new Tuneboard(Path.of(results), null)) {
            ExperimentRecord e = app.store().find("retrain-full").orElseThrow();
            before = app.store().leaderboard(e.id(), LeaderboardQuery.best(true, 1)).get(0);
            modelBefore = app.store().model(before.id()).orElseThrow();
            TrialDetail d = app.store().detail(before.id()).orElseThrow();
            EpochMetrics best = d.epochs().get(0);
            for (EpochMetrics m : d.epochs()) if (m.valAccuracy() > best.valAccuracy()) best = m;
            bestEpoch = best.epoch();
        }

        Path out = dir.resolve("final");
        CliTest.Result r = CliTest.cli("export", "retrain-full", "--out", out.toString(), "--retrain-full", "--results", results);
        assertEquals(0, r.code(), r.out() + r.err());
        // The trainer's own batch count: 3000 images (2500 train + 500 validation) in batches of 64 = 47, not 40.
        Matcher epochLine = Pattern.compile("epoch (\\d+): (\\d+) batches").matcher(r.out());
        int epochsTrained = 0;
        while (epochLine.find()) {
            epochsTrained++;
            assertEquals(47, Integer.parseInt(epochLine.group(2)), r.out());
        }
        assertEquals(bestEpoch, epochsTrained, "trained for the trial's best epoch count: " + r.out());

        JsonNode card = new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
        JsonNode retrained = card.get("retrained");
        assertEquals("train+validation", retrained.get("trained_on").asText(), card.toPrettyString());
        assertEquals(3000, retrained.get("train_size").asInt());
        assertEquals(bestEpoch, retrained.get("epochs").asInt());
        assertEquals(before.seed(), retrained.get("seed").asLong());
        double retrainedTest = retrained.get("test_accuracy").asDouble();
        assertTrue(retrainedTest > 0.5 && retrainedTest <= 1.0, card.toPrettyString());
        assertEquals(1000, retrained.get("test_size").asInt());
        JsonNode selection = card.get("selection_trial");
        assertEquals(before.number(), selection.get("trial").asInt());
        assertEquals(before.valAccuracy(), selection.get("val_accuracy").asDouble(), 0.0);
        assertEquals(before.testAccuracy(), selection.get("test_accuracy").asDouble(), 0.0);
        assertFalse(card.has("metrics"), "the selection trial's metrics are under selection_trial, not the model's");
        assertEquals(Files.size(out.resolve("model.zip")), card.get("model_bytes").asLong());

        try (Tuneboard app = new Tuneboard(Path.of(results), null)) {
            TrialRecord after = app.store().trial(before.id()).orElseThrow();
            assertEquals(before.status(), after.status());
            assertEquals(before.valAccuracy(), after.valAccuracy());
            assertEquals(before.testAccuracy(), after.testAccuracy());
            assertEquals(before.epochsDone(), after.epochsDone());
            assertEquals(before.finishedAt(), after.finishedAt());
            assertArrayEquals(modelBefore, app.store().model(before.id()).orElseThrow(), "the trial's own model is untouched");
            assertEquals(retrainedTest, app.store().retrained(before.id()).orElseThrow().testAccuracy(), 0.0);
            assertTrue(Arrays.equals(Files.readAllBytes(out.resolve("model.zip")), app.store().retrainedModel(before.id()).orElseThrow()));
        }

        // Again: the stored retrained model is reused, nothing is trained.
        CliTest.Result again = CliTest.cli("export", "retrain-full", "--out", dir.resolve("again").toString(), "--retrain-full",
                "--results", results);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("stored retrained model") && !again.out().contains("batches"), again.out());
        assertEquals(retrainedTest, new ObjectMapper().readTree(dir.resolve("again/model-card.json").toFile())
                .get("retrained").get("test_accuracy").asDouble(), 0.0);
    }
}
