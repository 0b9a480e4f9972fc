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

    /**
     * The reference blur, written the straightforward way: each output pixel sums its (2r + 1)² neighbourhood in
     * double with weights exp(-(i² + j²) / 2σ²) normalised over that square (r = 3σ rounded up), pixels outside zero.
     */
    private static double[] naiveGaussian(float[] field, int n, double sigma) {
        int r = Math.min(n - 1, (int) Math.ceil(3 * sigma));
        double total = 0;
        for (int i = -r; i <= r; i++) {
            for (int j = -r; j <= r; j++) total += Math.exp(-(i * i + j * j) / (2 * sigma * sigma));
        }
        double[] out = new double[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double sum = 0;
                for (int i = -r; i <= r; i++) {
                    for (int j = -r; j <= r; j++) {
                        int yy = y + i;
                        int xx = x + j;
                        if (yy < 0 || xx < 0 || yy >= n || xx >= n) continue;
                        sum += Math.exp(-(i * i + j * j) / (2 * sigma * sigma)) / total * field[yy * n + xx];
                    }
                }
                out[y * n + x] = sum;
            }
        }
        return out;
    }

    @Test
    void the_elastic_blur_is_the_two_dimensional_gaussian_convolution_of_the_field() {
        SplittableRandom random = new SplittableRandom(11);
        for (double sigma : new double[] {0.7, 1, 2.5, 4, 6, 8}) {
            for (float scale : new float[] {1f, 34f}) {
                Augmenter augmenter = new Augmenter(new Augmentation(0, 0, 0, scale, sigma), 784);
                float[] field = new float[784];
                for (int i = 0; i < field.length; i++) field[i] = (float) (2 * random.nextDouble() - 1);
                double[] expected = naiveGaussian(field, 28, sigma);
                augmenter.smooth(field, scale);
                double largest = 0;
                for (int i = 0; i < field.length; i++) {
                    assertEquals(scale * expected[i], field[i], 1e-5 * scale, "sigma " + sigma + " pixel " + i);
                    largest = Math.max(largest, Math.abs(expected[i]));
                }
                assertTrue(largest > 0.005, "sigma " + sigma + ": the smoothed noise is nearly zero (" + largest + ")");
            }
        }
    }

    /** Bilinear read with zero outside, as a reference: the weighted four neighbours of (sx, sy), kept in [0, 1]. */
    private static double bilinear(float[] src, int from, int n, double sx, double sy) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double fx = sx - x0;
        double fy = sy - y0;
        double sum = 0;
        for (int j = 0; j <= 1; j++) {
            for (int i = 0; i <= 1; i++) {
                int x = x0 + i;
                int y = y0 + j;
                if (x < 0 || y < 0 || x >= n || y >= n) continue;
                sum += (i == 0 ? 1 - fx : fx) * (j == 0 ? 1 - fy : fy) * src[from + y * n + x];
            }
        }
        return Math.min(1, Math.max(0, sum));
    }

    @Test
    void an_elastic_image_reads_each_pixel_displaced_by_the_smoothed_noise() {
        Split train = data.train();
        int n = 28;
        Augmenter elastic = new Augmenter(new Augmentation(0, 0, 0, 34, 4), train.width());
        float[] out = new float[train.width()];
        for (int image = 0; image < 20; image++) {
            long seed = 500 + image;
            // The same draws the augmenter makes: two 24-bit uniforms in [-1, 1) per long, the x field then the y field.
            SplittableRandom mirror = new SplittableRandom(seed);
            float[][] noise = new float[2][train.width()];
            for (float[] f : noise) {
                for (int i = 0; i < f.length; i += 2) {
                    long bits = mirror.nextLong();
                    f[i] = (bits >>> 40) * 0x1.0p-23f - 1f;
                    f[i + 1] = ((bits >>> 16) & 0xFFFFFF) * 0x1.0p-23f - 1f;
                }
            }
            double[] fx = naiveGaussian(noise[0], n, 4);
            double[] fy = naiveGaussian(noise[1], n, 4);
            elastic.augment(train.features(), image * train.width(), out, 0, new SplittableRandom(seed));
            int moved = 0;
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int i = y * n + x;
                    double expected = bilinear(train.features(), image * train.width(), n, x + 34 * fx[i], y + 34 * fy[i]);
                    assertEquals(expected, out[i], 1e-4, "image " + image + " at " + x + "," + y);
                    if (Math.abs(34 * fx[i]) > 0.5) moved++;
                }
            }
            assertTrue(moved > 100, "image " + image + ": only " + moved + " pixels moved by more than half a pixel");
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
