package dev.tuneboard.train;

import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.data.Split;
import dev.tuneboard.data.Splits;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training-image augmentation on real MNIST digits: what it does to pixels, and that nothing else changes. */
@Timeout(300)
class AugmentationTest {
    private static final Augmentation ALL = new Augmentation(2, 15, 0.15, 34, 4);
    static Splits data;

    @BeforeAll
    static void load() throws Exception {
        data = new DigitDataLoader(new IdxReader()).load(Path.of("data/mnist"), 200, 1200, 200, 7);
    }

    private static float[] features(DataSet batch) {
        return batch.getFeatures().data().asFloat();
    }

    private static int[] order(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        return order;
    }

    @Test
    void a_shifted_image_is_the_original_moved_by_whole_pixels() {
        Split train = data.train();
        int n = 28;
        Augmenter shifter = new Augmenter(new Augmentation(3, 0, 0, 0, 0), train.width());
        float[] out = new float[train.width()];
        int moved = 0;
        for (int image = 0; image < 50; image++) {
            long seed = 1000 + image;
            // The same draws the augmenter makes: x shift, then y shift.
            SplittableRandom mirror = new SplittableRandom(seed);
            int dx = mirror.nextInt(7) - 3;
            int dy = mirror.nextInt(7) - 3;
            if (dx != 0 || dy != 0) moved++;
            shifter.augment(train.features(), image * train.width(), out, 0, new SplittableRandom(seed));
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int sx = x - dx;
                    int sy = y - dy;
                    float expected = sx < 0 || sy < 0 || sx >= n || sy >= n ? 0f : train.features()[image * train.width() + sy * n + sx];
                    assertEquals(expected, out[y * n + x], "image " + image + " shift (" + dx + ", " + dy + ") at " + x + "," + y);
                }
            }
        }
        assertTrue(moved > 40, "only " + moved + " of 50 images moved");
    }

    @Test
    void every_distortion_keeps_pixels_in_range_and_changes_the_image() {
        Split train = data.train();
        SplittableRandom random = new SplittableRandom(5);
        float[] out = new float[train.width()];
        for (Augmentation a : new Augmentation[] {ALL, new Augmentation(0, 45, 0, 0, 0), new Augmentation(0, 0, 0.5, 0, 0),
                new Augmentation(0, 0, 0, 100, 1), new Augmentation(8, 45, 0.5, 100, 8)}) {
            Augmenter augmenter = new Augmenter(a, train.width());
            int changed = 0;
            for (int image = 0; image < 200; image++) {
                float[] original = Arrays.copyOfRange(train.features(), image * train.width(), (image + 1) * train.width());
                augmenter.augment(train.features(), image * train.width(), out, 0, random);
                for (float v : out) assertTrue(v >= 0f && v <= 1f, a + ": pixel " + v);
                if (!Arrays.equals(original, out)) changed++;
            }
            assertTrue(changed > 190, a + " changed only " + changed + " of 200 images");
        }
    }

    @Test
    void same_seed_and_epoch_give_the_same_batch_another_epoch_or_seed_another() {
        Split train = data.train();
        int[] order = order(train.size());
        try (BatchGatherer a = new BatchGatherer(train, 64, ALL, 42);
             BatchGatherer b = new BatchGatherer(train, 64, ALL, 42);
             BatchGatherer otherSeed = new BatchGatherer(train, 64, ALL, 43);
             BatchGatherer plain = new BatchGatherer(train, 64)) {
            float[] first = features(a.batch(order, 0, 1));
            float[] second = features(a.batch(order, 64, 1));   // made on the helper thread
            float[] third = features(a.batch(order, 128, 1));
            // b skips ahead: batch 128 made on the calling thread equals the prefetched one.
            assertArrayEquals(third, features(b.batch(order, 128, 1)));
            assertArrayEquals(first, features(b.batch(order, 0, 1)));
            assertArrayEquals(second, features(b.batch(order, 64, 1)));
            assertFalse(Arrays.equals(first, features(b.batch(order, 0, 2))), "epoch 2 repeated epoch 1's distortions");
            assertFalse(Arrays.equals(first, features(otherSeed.batch(order, 0, 1))), "another seed, same distortions");
            assertFalse(Arrays.equals(first, features(plain.batch(order, 0, 1))), "augmented batch equals the plain one");
            // Labels are the rows' own, augmentation or not.
            assertArrayEquals(plain.batch(order, 64, 1).getLabels().data().asFloat(), b.batch(order, 64, 1).getLabels().data().asFloat());
        }
    }

    @Test
    void off_means_the_plain_gatherer_and_zero_parts_are_off() {
        Split train = data.train();
        int[] order = order(train.size());
        assertFalse(new Augmentation(0, 0, 0, 0, 4).on());
        try (BatchGatherer zero = new BatchGatherer(train, 64, new Augmentation(0, 0, 0, 0, 4), 42);
             BatchGatherer plain = new BatchGatherer(train, 64)) {
            assertArrayEquals(features(plain.batch(order, 64)), features(zero.batch(order, 64, 3)));
            float[] rows = Arrays.copyOfRange(train.features(), 64 * train.width(), 128 * train.width());
            assertArrayEquals(rows, features(plain.batch(order, 64)));
        }
    }

    private static MultiLayerConfiguration net(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).weightInit(WeightInit.RELU)
                .updater(new Adam(1e-3, 0.9, 0.999, 1e-8))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list()
                .layer(new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder().nOut(10).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(784)).build();
    }

    private static MultiLayerNetwork restore(byte[] model) throws Exception {
        return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(model), false);
    }

    @Test
    void off_trains_bit_for_bit_as_before() throws Exception {
        TrialOutcome trained = new TrialTrainer().train(new TrialPlan(net(9), 50, 2, 9), data, m -> EpochDecision.CONTINUE);
        // The loop as it was before augmentation: Random(seed) shuffles, the plain gatherer, fit per batch.
        MultiLayerNetwork reference = new MultiLayerNetwork(dev.tuneboard.train.fast.FastPaths.forTraining(net(9)));
        reference.init();
        Split train = data.train();
        int[] order = order(train.size());
        Random shuffle = new Random(9);
        try (BatchGatherer plain = new BatchGatherer(train, 50)) {
            for (int epoch = 1; epoch <= 2; epoch++) {
                for (int i = order.length - 1; i > 0; i--) {
                    int j = shuffle.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                for (int from = 0; from < order.length; from += 50) reference.fit(plain.batch(order, from));
            }
        }
        assertArrayEquals(reference.params().toFloatVector(), restore(trained.model()).params().toFloatVector());
    }

    @Test
    void augmented_training_reruns_identically_and_leaves_validation_and_test_alone() throws Exception {
        float[] trainBefore = data.train().features().clone();
        float[] validationBefore = data.validation().features().clone();
        float[] testBefore = data.test().features().clone();
        TrialPlan plan = new TrialPlan(net(3), 50, 2, 3, ALL, null);
        TrialOutcome first = new TrialTrainer().train(plan, data, m -> EpochDecision.CONTINUE);
        TrialOutcome again = new TrialTrainer().train(new TrialPlan(net(3), 50, 2, 3, ALL, null), data, m -> EpochDecision.CONTINUE);
        TrialOutcome plain = new TrialTrainer().train(new TrialPlan(net(3), 50, 2, 3), data, m -> EpochDecision.CONTINUE);
        float[] params = restore(first.model()).params().toFloatVector();
        assertArrayEquals(params, restore(again.model()).params().toFloatVector());
        assertEquals(first.valAccuracy(), again.valAccuracy());
        assertEquals(first.test().accuracy(), again.test().accuracy());
        assertFalse(Arrays.equals(params, restore(plain.model()).params().toFloatVector()), "augmentation changed nothing");
        assertArrayEquals(trainBefore, data.train().features());
        assertArrayEquals(validationBefore, data.validation().features());
        assertArrayEquals(testBefore, data.test().features());
        // The reported validation and test numbers are the trained net's on the undistorted images.
        MultiLayerNetwork net = restore(first.model());
        try (EvalChunks validation = new EvalChunks(data.validation(), 5000); EvalChunks test = new EvalChunks(data.test(), 5000)) {
            assertEquals(first.valAccuracy(), TrialTrainer.evaluate(net, validation, false).accuracy(), 1e-12);
            assertEquals(first.test().accuracy(), TrialTrainer.evaluate(net, test, true).accuracy(), 1e-12);
        }
    }
}
