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

    /** The same blur as {@link #naiveGaussian}, done as two 1-D passes (the 2-D weights are a product), in double. */
    private static double[] separableGaussian(float[] field, int n, double sigma) {
        int r = Math.min(n - 1, (int) Math.ceil(3 * sigma));
        double[] k = new double[2 * r + 1];
        double total = 0;
        for (int i = -r; i <= r; i++) total += k[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
        for (int i = 0; i < k.length; i++) k[i] /= total;
        double[] rows = new double[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                for (int i = Math.max(-r, -x); i <= Math.min(r, n - 1 - x); i++) rows[y * n + x] += k[i + r] * field[y * n + x + i];
            }
        }
        double[] out = new double[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                for (int i = Math.max(-r, -y); i <= Math.min(r, n - 1 - y); i++) out[y * n + x] += k[i + r] * rows[(y + i) * n + x];
            }
        }
        return out;
    }

    /** Per-pixel sums and lagged products over many fields, for standard deviation and autocorrelation. */
    private static final class FieldStats {
        final int n;
        final int[] lags;
        final double[] sum;
        final double[] squares;
        final double[] products;
        final double[] pairSquares;
        double grand;
        long count;

        FieldStats(int n, int[] lags) {
            this.n = n;
            this.lags = lags;
            sum = new double[n * n];
            squares = new double[n * n];
            products = new double[lags.length];
            pairSquares = new double[lags.length];
        }

        void add(double[] f) {
            count++;
            for (int i = 0; i < f.length; i++) {
                sum[i] += f[i];
                squares[i] += f[i] * f[i];
                grand += f[i];
            }
            // Pairs lag apart along rows and along columns, pooled over the image.
            for (int l = 0; l < lags.length; l++) {
                int lag = lags[l];
                for (int y = 0; y < n; y++) {
                    for (int x = 0; x + lag < n; x++) {
                        double a = f[y * n + x];
                        double b = f[y * n + x + lag];
                        double c = f[x * n + y];
                        double d = f[(x + lag) * n + y];
                        products[l] += a * b + c * d;
                        pairSquares[l] += (a * a + b * b + c * c + d * d) / 2;
                    }
                }
            }
        }

        double std(int pixel) {
            double mean = sum[pixel] / count;
            return Math.sqrt(squares[pixel] / count - mean * mean);
        }

        double correlation(int l) {
            return products[l] / pairSquares[l];
        }

        double mean() {
            return grand / count / (n * n);
        }
    }

    /**
     * The elastic field is a cheap stand-in for Simard's (uniform(-1, 1) noise, Gaussian-blurred with zero outside,
     * times alpha): over 4000 fields of each, per-pixel standard deviation and the autocorrelation at lags 1, sigma and
     * 2·sigma must agree (std within 10% at every pixel, correlations within 0.1). Measured when written (alpha 1,
     * seed 11): per-pixel std within 4.4%, 4.0%, 3.4% at the worst pixel for sigma 2, 4, 6 (the two estimates' own
     * sampling noise is ~1.1% each); correlation at lags 1, sigma, 2·sigma blur/field: sigma 2 0.942/0.943,
     * 0.785/0.793, 0.373/0.387; sigma 4 0.986/0.985, 0.795/0.792, 0.389/0.383; sigma 6 0.994/0.993, 0.803/0.786,
     * 0.401/0.371; mean within 0.0006 of zero for both.
     */
    @Test
    void the_elastic_field_has_the_blurred_noises_spread_and_correlation_length() {
        int n = 28;
        SplittableRandom random = new SplittableRandom(11);
        // The reference generator is the exact 2-D Gaussian blur: the separable one used for speed equals it.
        for (double sigma : new double[] {1, 4, 6}) {
            float[] noise = new float[n * n];
            for (int i = 0; i < noise.length; i++) noise[i] = (float) (2 * random.nextDouble() - 1);
            double[] naive = naiveGaussian(noise, n, sigma);
            double[] separable = separableGaussian(noise, n, sigma);
            for (int i = 0; i < naive.length; i++) assertEquals(naive[i], separable[i], 1e-9, "sigma " + sigma + " pixel " + i);
        }
        for (int sigma : new int[] {2, 4, 6}) {
            int[] lags = {1, sigma, 2 * sigma};
            FieldStats blurred = new FieldStats(n, lags);
            FieldStats cheap = new FieldStats(n, lags);
            Augmenter augmenter = new Augmenter(new Augmentation(0, 0, 0, 1, sigma), n * n);
            float[] noise = new float[n * n];
            float[] fx = new float[n * n];
            float[] fy = new float[n * n];
            double[] field = new double[n * n];
            for (int draw = 0; draw < 2000; draw++) {
                for (int k = 0; k < 2; k++) {
                    for (int i = 0; i < noise.length; i++) noise[i] = (float) (2 * random.nextDouble() - 1);
                    blurred.add(separableGaussian(noise, n, sigma));
                }
                augmenter.displacements(fx, fy, random);
                for (float[] f : new float[][] {fx, fy}) {
                    for (int i = 0; i < f.length; i++) field[i] = f[i];
                    cheap.add(field);
                }
            }
            double worst = 0;
            for (int i = 0; i < n * n; i++) {
                double ratio = cheap.std(i) / blurred.std(i);
                worst = Math.max(worst, Math.abs(ratio - 1));
                assertEquals(1, ratio, 0.1, "sigma " + sigma + ": std at pixel " + i + " " + cheap.std(i) + ", blurred " + blurred.std(i));
            }
            StringBuilder report = new StringBuilder("sigma " + sigma + ": std within " + String.format("%.3f", worst) + ";");
            for (int l = 0; l < lags.length; l++) {
                report.append(String.format(" lag %d %.3f/%.3f", lags[l], blurred.correlation(l), cheap.correlation(l)));
                assertEquals(blurred.correlation(l), cheap.correlation(l), 0.1, "sigma " + sigma + " lag " + lags[l]);
            }
            // The blurred field's std is ~0.02-0.1 here; a mean off by more than a few percent of it would be a bias.
            assertEquals(0, cheap.mean(), 0.005, "sigma " + sigma + " mean");
            System.out.println(report + String.format(" mean %.5f/%.5f", blurred.mean(), cheap.mean()));
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
    void an_elastic_image_reads_each_pixel_displaced_by_the_smooth_field() {
        Split train = data.train();
        int n = 28;
        Augmentation setting = new Augmentation(0, 0, 0, 34, 4);
        Augmenter elastic = new Augmenter(setting, train.width());
        Augmenter mirrorFields = new Augmenter(setting, train.width());
        float[] out = new float[train.width()];
        float[] fx = new float[train.width()];
        float[] fy = new float[train.width()];
        for (int image = 0; image < 20; image++) {
            long seed = 500 + image;
            // The same draws the augmenter makes: with no affine part, only the two fields.
            mirrorFields.displacements(fx, fy, new SplittableRandom(seed));
            elastic.augment(train.features(), image * train.width(), out, 0, new SplittableRandom(seed));
            int moved = 0;
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int i = y * n + x;
                    double expected = bilinear(train.features(), image * train.width(), n, x + fx[i], y + fy[i]);
                    assertEquals(expected, out[i], 1e-4, "image " + image + " at " + x + "," + y);
                    if (Math.abs(fx[i]) > 0.5) moved++;
                }
            }
            assertTrue(moved > 100, "image " + image + ": only " + moved + " pixels moved by more than half a pixel");
        }
    }

    @Test
    void affine_and_elastic_compose_into_one_read_per_pixel() {
        Split train = data.train();
        int n = 28;
        double c = (n - 1) / 2.0;
        for (Augmentation setting : new Augmentation[] {new Augmentation(2, 10, 0.1, 34, 4), new Augmentation(8, 45, 0.5, 100, 2),
                new Augmentation(3, 30, 0.2, 0, 0)}) {
            Augmenter augmenter = new Augmenter(setting, train.width());
            Augmenter mirrorFields = new Augmenter(setting, train.width());
            float[] out = new float[train.width()];
            float[] fx = new float[train.width()];
            float[] fy = new float[train.width()];
            int outside = 0;
            for (int image = 0; image < 30; image++) {
                long seed = 700 + image;
                // The augmenter's draws in order: x shift, y shift, angle, scale, then the two fields.
                SplittableRandom mirror = new SplittableRandom(seed);
                int dx = mirror.nextInt(2 * setting.shift() + 1) - setting.shift();
                int dy = mirror.nextInt(2 * setting.shift() + 1) - setting.shift();
                double theta = Math.toRadians((2 * mirror.nextDouble() - 1) * setting.rotateDegrees());
                double s = 1 + (2 * mirror.nextDouble() - 1) * setting.scale();
                if (setting.elasticAlpha() > 0) mirrorFields.displacements(fx, fy, mirror);
                augmenter.augment(train.features(), image * train.width(), out, 0, new SplittableRandom(seed));
                for (int y = 0; y < n; y++) {
                    for (int x = 0; x < n; x++) {
                        int i = y * n + x;
                        double u = x - c - dx;
                        double v = y - c - dy;
                        double sx = (Math.cos(theta) * u + Math.sin(theta) * v) / s + c + fx[i];
                        double sy = (-Math.sin(theta) * u + Math.cos(theta) * v) / s + c + fy[i];
                        if (sx < -1 || sy < -1 || sx > n || sy > n) outside++;
                        double expected = bilinear(train.features(), image * train.width(), n, sx, sy);
                        assertEquals(expected, out[i], 1e-4, setting + " image " + image + " at " + x + "," + y);
                    }
                }
            }
            // Reads far outside the image (the clamped, branch-free path) were among those checked.
            assertTrue(outside > 0, setting + ": no read fell outside the image");
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
