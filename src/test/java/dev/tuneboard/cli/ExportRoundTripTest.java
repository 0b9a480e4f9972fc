package dev.tuneboard.cli;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.data.Split;
import dev.tuneboard.data.Splits;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.LeaderboardQuery;
import dev.tuneboard.trial.Misclassified;
import dev.tuneboard.trial.TrialDetail;
import dev.tuneboard.trial.TrialRecord;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What `export` writes is the model the trial was scored with: loaded with plain DL4J (no Tuneboard class on the
 * way), it reproduces the stored test accuracy, confusion matrix and misclassified samples exactly.
 */
class ExportRoundTripTest {
    @TempDir
    Path dir;

    private static final String SPEC = """
            name: round-trip
            data: {dir: data/mnist, train_limit: 3000, validation: 500, test_limit: 2000}
            model:
              hidden_layers:
                - units: {choice: [48, 64]}
                - units: 32
              dropout: 0.2
            training: {learning_rate: 0.003, batch_size: 64, epochs: 2}
            search: {algorithm: random, trials: 2, parallelism: 2, seed: 5}
            """;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void the_exported_zip_loaded_with_plain_dl4j_reproduces_the_stored_test_report_exactly() throws Exception {
        Path results = CliTest.runQuietly(dir, "round-trip", SPEC);
        Path out = dir.resolve("best");
        CliTest.Result export = CliTest.cli("export", "round-trip", "--out", out.toString(), "--results", results.toString());
        assertEquals(0, export.code(), export.out() + export.err());

        Set<String> named = new TreeSet<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(out.resolve("model.zip")))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String text = new String(zip.readAllBytes(), StandardCharsets.ISO_8859_1);
                if (text.contains("dev.tuneboard") || text.contains("dev/tuneboard")) named.add(entry.getName());
            }
        }
        assertEquals(Set.of(), named, "zip entries naming a Tuneboard class");

        MultiLayerNetwork net;
        try (InputStream in = Files.newInputStream(out.resolve("model.zip"))) {
            net = ModelSerializer.restoreMultiLayerNetwork(in, false);
        }
        Splits data = new DigitDataLoader(new IdxReader()).load(Path.of("data/mnist"), 500, 3000, 2000, 1234);
        Split test = data.test();
        INDArray probabilities = net.output(Nd4j.create(test.features(), new long[] {test.size(), 784}, 'c'), false);
        int[] predicted = Nd4j.argMax(probabilities, 1).toIntVector();
        int[][] confusion = new int[10][10];
        Set<Integer> wrong = new TreeSet<>();
        for (int i = 0; i < test.size(); i++) {
            confusion[test.labels()[i]][predicted[i]]++;
            if (predicted[i] != test.labels()[i]) wrong.add(test.sourceIndex()[i]);
        }

        try (Tuneboard app = new Tuneboard(results, null)) {
            ExperimentRecord e = app.store().find("round-trip").orElseThrow();
            TrialRecord best = app.store().leaderboard(e.id(), LeaderboardQuery.best(true, 1)).get(0);
            TrialDetail stored = app.store().detail(best.id()).orElseThrow();
            for (int k = 0; k < 10; k++) assertArrayEquals(stored.confusion()[k], confusion[k], "confusion row " + k);
            assertEquals(best.testAccuracy(), 1.0 - (double) wrong.size() / test.size(), 0.0, "test accuracy, exactly");
            Set<Integer> storedWrong = new TreeSet<>();
            for (Misclassified m : stored.misclassified()) storedWrong.add(m.sampleIndex());
            assertEquals(storedWrong, wrong, "the same test images misclassified");
            assertFalse(wrong.isEmpty());

            // Provenance: recorded with the trial when it finished, and carried into the model card.
            assertEquals("1.0.0-M2.1", stored.provenance().get("deeplearning4j"), stored.provenance().toString());
            assertEquals("1.0.0-beta7", stored.provenance().get("arbiter"));
            assertEquals("1", ((java.util.Map<?, ?>) stored.provenance().get("thread_environment")).get("OMP_NUM_THREADS"));
            assertTrue(String.valueOf(stored.provenance().get("fast_paths")).contains("HeapAdam"));
            assertEquals(ProcessHandle.current().pid() + "@", String.valueOf(stored.provenance().get("worker"))
                    .substring(0, String.valueOf(ProcessHandle.current().pid()).length() + 1));
            String card = Files.readString(out.resolve("model-card.json"));
            assertTrue(card.contains("\"deeplearning4j\" : \"1.0.0-M2.1\"") && card.contains("\"fast_paths\"")
                    && card.contains("\"cpu\""), card);
        }
        assertEquals(Arrays.stream(confusion).flatMapToInt(Arrays::stream).sum(), test.size());
    }
}
