package dev.tuneboard.run;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.data.Splits;
import dev.tuneboard.export.ModelExporter;
import dev.tuneboard.predict.DigitClassifier;
import dev.tuneboard.search.arbiter.ArbiterSearchFactory;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.SpecLoader;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.ExperimentStatus;
import dev.tuneboard.store.LeaderboardQuery;
import dev.tuneboard.store.Store;
import dev.tuneboard.train.Trainer;
import dev.tuneboard.train.TrialTrainer;
import dev.tuneboard.trial.TrialDetail;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real run on a slice of real MNIST into a real H2 file, then export and predict. */
class EndToEndRunTest {
    static final String TINY = """
            name: NAME
            data: {dir: data/mnist, train_limit: 2000, validation: 500, test_limit: 1000}
            model:
              hidden_layers:
                - units: {choice: [32, 64]}
              dropout: 0.1
            training:
              learning_rate: {loguniform: [1.0e-3, 5.0e-3]}
              batch_size: 64
              epochs: EPOCHS
            search: {algorithm: ALGO, trials: TRIALS, parallelism: 2, seed: 3 EXTRA}
            """;

    static String spec(String name, int trials, int epochs, String algorithm, String extra) {
        return TINY.replace("NAME", name).replace("TRIALS", String.valueOf(trials)).replace("EPOCHS", String.valueOf(epochs))
                .replace("ALGO", algorithm).replace(" EXTRA", extra.isEmpty() ? "" : ", " + extra);
    }

    @TempDir
    static Path results;
    static Tuneboard app;
    static Splits data;

    @BeforeAll
    static void open() throws Exception {
        app = new Tuneboard(results, null);
        data = new DigitDataLoader(new IdxReader()).load(Path.of("data/mnist"), 500, 2000, 1000, 1234);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    static RunReport run(Store store, Trainer trainer, ExperimentSpec spec) throws Exception {
        ExperimentRunner runner = new ExperimentRunner(store, new ArbiterSearchFactory(784, 10), trainer, Clock.systemUTC(), "test");
        ExperimentRecord e = runner.prepare(spec, data.dataHash());
        return runner.run(spec, e, data, RunListener.SILENT, new StopSignal());
    }

    @Test
    void a_run_stores_trials_curves_confusion_matrices_and_misclassified_digits() throws Exception {
        ExperimentSpec spec = new SpecLoader().parse(spec("e2e", 2, 1, "random", ""), "e2e.yaml");
        RunReport report = run(app.store(), new TrialTrainer(), spec);
        assertEquals(ExperimentStatus.COMPLETED, report.status());
        assertEquals(2, report.completed());
        ExperimentRecord e = app.store().find("e2e").orElseThrow();
        List<TrialRecord> trials = app.store().leaderboard(e.id(), LeaderboardQuery.best(true, 10));
        assertEquals(2, trials.size());
        for (TrialRecord t : trials) {
            TrialDetail d = app.store().detail(t.id()).orElseThrow();
            assertEquals(TrialStatus.COMPLETED, t.status());
            assertEquals(1, d.epochs().size());
            assertTrue(t.valAccuracy() > 0.7, "val accuracy " + t.valAccuracy());
            assertNotNull(t.testAccuracy());
            int total = Arrays.stream(d.confusion()).flatMapToInt(Arrays::stream).sum();
            assertEquals(1000, total, "confusion matrix counts every test image");
            int wrong = total - java.util.stream.IntStream.range(0, 10).map(i -> d.confusion()[i][i]).sum();
            assertEquals(wrong, d.misclassified().size(), "every miss is stored");
            assertEquals(1.0 - (double) wrong / 1000, t.testAccuracy(), 1e-9);
            d.misclassified().forEach(m -> {
                assertTrue(m.trueLabel() != m.predictedLabel());
                assertEquals(data.test().labels()[m.sampleIndex()], m.trueLabel());
            });
        }
        assertTrue(trials.get(0).valAccuracy() >= trials.get(1).valAccuracy());
    }

    @Test
    void export_then_predict_gives_the_same_digits_as_the_trained_network() throws Exception {
        ExperimentSpec spec = new SpecLoader().parse(spec("export", 2, 1, "random", ""), "export.yaml");
        run(app.store(), new TrialTrainer(), spec);
        ModelExporter.Export best = new ModelExporter(app.store()).best("export").orElseThrow();
        Path out = results.resolve("best");
        ModelExporter.writeTo(best, out);
        assertTrue(Files.size(out.resolve("model.zip")) > 10_000);
        // The files get the permissions any new file of this user gets here (umask), not a temp file's 0600.
        Path probe = Files.createFile(out.resolve("probe"));
        for (String f : List.of("model.zip", "model.onnx", "model-card.json")) {
            assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(out.resolve(f)), f);
        }
        try (var left = Files.list(out)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().endsWith(".part")).toList(), "no part files left");
        }
        String card = Files.readString(out.resolve("model-card.json"));
        assertTrue(card.contains("\"spec_sha256\"") && card.contains("\"data_sha256\"") && card.contains("\"seed\""), card);

        float[] pixels = Arrays.copyOf(data.test().features(), 100 * 784);
        MultiLayerNetwork trained = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(best.model()), false);
        int[] expected = Nd4j.argMax(trained.output(Nd4j.create(pixels, new long[] {100, 784}, 'c'), false), 1).toIntVector();
        float[][] predicted = DigitClassifier.load(out.resolve("model.zip")).probabilities(pixels, 100);
        int[] got = Arrays.stream(predicted).mapToInt(DigitClassifier::argmax).toArray();
        assertArrayEquals(expected, got);
        int correct = 0;
        for (int i = 0; i < 100; i++) if (got[i] == data.test().labels()[i]) correct++;
        assertTrue(correct > 70, correct + " of 100 right");
    }

    @Test
    void a_failing_trial_is_recorded_with_its_reason_and_the_search_goes_on() throws Exception {
        ExperimentSpec spec = new SpecLoader().parse(spec("failing", 3, 1, "random", "retries: 1"), "failing.yaml");
        TrialTrainer real = new TrialTrainer();
        int[] calls = {0};
        Trainer flaky = (plan, splits, listener) -> {
            synchronized (calls) {
                if (calls[0]++ == 0) throw new IllegalStateException("simulated worker crash");
            }
            return real.train(plan, splits, listener);
        };
        RunReport report = run(app.store(), flaky, spec);
        assertEquals(ExperimentStatus.COMPLETED, report.status());
        ExperimentRecord e = app.store().find("failing").orElseThrow();
        List<TrialRecord> all = app.store().all(e.id());
        assertEquals(4, all.size(), "3 trials, one retried once");
        TrialRecord failed = all.stream().filter(t -> t.status() == TrialStatus.FAILED).findFirst().orElseThrow();
        assertEquals("IllegalStateException: simulated worker crash", failed.error());
        TrialRecord retried = all.stream().filter(t -> t.number() == failed.number() && t.attempt() == 2).findFirst().orElseThrow();
        assertEquals(TrialStatus.COMPLETED, retried.status());
        assertEquals(failed.params(), retried.params());
        assertEquals(failed.seed(), retried.seed());
        assertEquals(3, app.store().count(e.id(), Set.of(TrialStatus.COMPLETED)));
    }

    @Test
    void a_diverging_trial_fails_with_its_nan_curve_kept() throws Exception {
        ExperimentSpec spec = new SpecLoader().parse(spec("diverge", 1, 2, "random", ""), "diverge.yaml");
        // Real digits scaled past float range: the first forward pass overflows and the loss turns NaN.
        float[] huge = data.train().features().clone();
        for (int i = 0; i < huge.length; i++) huge[i] *= 1e38f;
        dev.tuneboard.data.Split train = data.train();
        Splits overflowing = new Splits(new dev.tuneboard.data.Split("train", huge, train.labels(), train.sourceIndex(),
                train.width(), train.classes()), data.validation(), data.test(), data.dataHash(), false);
        ExperimentRunner runner = new ExperimentRunner(app.store(), new ArbiterSearchFactory(784, 10), new TrialTrainer(),
                Clock.systemUTC(), "test");
        RunReport report = runner.run(spec, runner.prepare(spec, data.dataHash()), overflowing, RunListener.SILENT, new StopSignal());
        assertEquals(1, report.failed());
        assertEquals(ExperimentStatus.COMPLETED, report.status(), "the experiment itself finishes");
        TrialRecord t = app.store().all(app.store().find("diverge").orElseThrow().id()).get(0);
        assertEquals(TrialStatus.FAILED, t.status());
        assertTrue(t.error().startsWith("diverged: training loss became NaN in epoch 1"), t.error());
        TrialDetail d = app.store().detail(t.id()).orElseThrow();
        assertEquals(1, d.epochs().size(), "the curve up to the divergence is kept");
        assertTrue(Double.isNaN(d.epochs().get(0).trainLoss()));
    }

    @Test
    void asha_prunes_the_hopeless_trial_and_keeps_its_curve() throws Exception {
        String yaml = spec("pruned", 2, 3, "grid", "pruner: {type: asha, min_epochs: 1, reduction_factor: 2}")
                .replace("{loguniform: [1.0e-3, 5.0e-3]}", "{choice: [3.0e-3, 1.0e-7]}")
                .replace("{choice: [32, 64]}", "32")
                .replace("parallelism: 2", "parallelism: 1");
        ExperimentSpec spec = new SpecLoader().parse(yaml, "pruned.yaml");
        RunReport report = run(app.store(), new TrialTrainer(), spec);
        assertEquals(1, report.pruned(), report.toString());
        ExperimentRecord e = app.store().find("pruned").orElseThrow();
        TrialRecord pruned = app.store().all(e.id()).stream().filter(t -> t.status() == TrialStatus.PRUNED).findFirst().orElseThrow();
        assertEquals(1.0e-7, pruned.params().get("learning_rate").doubleValue(), 1e-12);
        assertTrue(pruned.stopReason().startsWith("asha"), pruned.stopReason());
        assertEquals(1, app.store().detail(pruned.id()).orElseThrow().epochs().size());
        TrialRecord completed = app.store().all(e.id()).stream().filter(t -> t.status() == TrialStatus.COMPLETED).findFirst().orElseThrow();
        assertEquals(3, completed.epochsDone());
    }
}
