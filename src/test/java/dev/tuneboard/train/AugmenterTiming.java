package dev.tuneboard.train;

import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.data.Split;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One-thread cost per image of {@link Augmenter} against the code it replaced (kept verbatim below as {@code Before}),
 * on real MNIST digits, in this thread's CPU microseconds per image. Variants alternate within each round, the order reversing every other round; each line
 * carries /proc/loadavg, because the machine is shared. Not a test: a timing on a shared 2-core machine cannot be
 * asserted. Run after {@code mvn -q -B -o test-compile}:
 * <pre>
 * mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.tuneboard.train.AugmenterTiming [rounds] [ms per measure]
 * </pre>
 */
final class AugmenterTiming {
    private interface Variant {
        void augment(float[] src, int srcFrom, float[] dst, int dstFrom, SplittableRandom random);
    }

    /** This thread's CPU time, not wall time: other work on the cores stretches wall time, not the work done here. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static double sink;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        long millis = args.length > 1 ? Long.parseLong(args[1]) : 1000;
        Split train = new DigitDataLoader(new IdxReader()).load(Path.of("data/mnist"), 1000, 5000, 1000, 7).train();
        Augmentation[] settings = {
            new Augmentation(2, 10, 0.1, 34, 4),   // what bench --only augmentation trains with
            new Augmentation(0, 0, 0, 34, 4),      // elastic alone
            new Augmentation(2, 10, 0.1, 0, 0),    // affine alone
        };
        for (Augmentation a : settings) {
            Before before = new Before(a, train.width());
            Augmenter after = new Augmenter(a, train.width());
            Variant[] variants = {before::augment, after::augment};
            String[] names = {"before", "after"};
            for (Variant v : variants) time(v, train, 2 * millis);   // JIT warm-up
            List<List<Double>> ns = List.of(new ArrayList<>(), new ArrayList<>());
            System.out.println(a);
            for (int round = 0; round < rounds; round++) {
                int[] order = round % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0};
                StringBuilder line = new StringBuilder("  round " + (round + 1) + ":");
                for (int k : order) {
                    double t = time(variants[k], train, millis);
                    ns.get(k).add(t);
                    line.append(String.format(" %s %.1f us/image (load %s)", names[k], t / 1000, load()));
                }
                System.out.println(line);
            }
            for (int k = 0; k < 2; k++) {
                double[] s = ns.get(k).stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf("  %-6s median %.1f us/image, range %.1f-%.1f over %d rounds%n", names[k],
                        s[s.length / 2] / 1000, s[0] / 1000, s[s.length - 1] / 1000, s.length);
            }
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) ratio[r] = ns.get(0).get(r) / ns.get(1).get(r);
            Arrays.sort(ratio);
            System.out.printf("  before/after per round: median %.2fx, range %.2f-%.2fx%n", ratio[rounds / 2], ratio[0], ratio[rounds - 1]);
        }
        Augmenter after = new Augmenter(settings[1], train.width());
        float[] fx = new float[train.width()];
        float[] fy = new float[train.width()];
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < rounds; round++) {
            long count = 0;
            long start = CPU.getCurrentThreadCpuTime();
            long deadline = System.nanoTime() + millis * 1_000_000;
            do {
                for (int i = 0; i < 256; i++, count++) after.displacements(fx, fy, random);
            } while (System.nanoTime() < deadline);
            sink += fx[0] + fy[0];
            System.out.printf("  both elastic fields (draw + spread): %.2f us (load %s)%n", (CPU.getCurrentThreadCpuTime() - start) / 1000.0 / count, load());
        }
        if (sink == 42) System.out.println();
    }

    private static double time(Variant v, Split train, long millis) {
        int width = train.width();
        float[] out = new float[width];
        SplittableRandom random = new SplittableRandom(1);
        long count = 0;
        long start = CPU.getCurrentThreadCpuTime();
        long deadline = System.nanoTime() + millis * 1_000_000;
        do {
            for (int i = 0; i < 256; i++, count++) {
                v.augment(train.features(), (int) (count % train.size()) * width, out, 0, random);
            }
        } while (System.nanoTime() < deadline);
        long elapsed = CPU.getCurrentThreadCpuTime() - start;
        sink += out[count % width == 0 ? 1 : 0];
        return elapsed / (double) count;
    }

    private static String load() throws java.io.IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    /** Augmenter as it was before the elastic field went to a coarse grid (commit d742adb), for the comparison only. */
    static final class Before {
        private final Augmentation a;
        private final int side;
        private final float[] kernel;
        private final int radius;
        private final float[] fieldX;
        private final float[] fieldY;
        private final float[] blurred;

        Before(Augmentation augmentation, int width) {
            this.a = augmentation;
            this.side = (int) Math.round(Math.sqrt(width));
            if (side * side != width) throw new IllegalArgumentException("augmentation needs square images; rows have " + width + " pixels");
            if (augmentation.elasticAlpha() > 0) {
                // Three sigmas hold 99.7% of the Gaussian; the kernel is normalised over what is kept.
                radius = Math.min(side - 1, (int) Math.ceil(3 * augmentation.elasticSigma()));
                kernel = new float[2 * radius + 1];
                double sum = 0;
                double twoSigma2 = 2 * augmentation.elasticSigma() * augmentation.elasticSigma();
                for (int k = -radius; k <= radius; k++) sum += Math.exp(-k * k / twoSigma2);
                for (int k = -radius; k <= radius; k++) kernel[k + radius] = (float) (Math.exp(-k * k / twoSigma2) / sum);
                fieldX = new float[width];
                fieldY = new float[width];
                blurred = new float[width];
            } else {
                radius = 0;
                kernel = null;
                fieldX = null;
                fieldY = null;
                blurred = null;
            }
        }

        /** Writes a distorted copy of {@code src[srcFrom ..]} to {@code dst[dstFrom ..]}; values stay in the source's [0, 1]. */
        void augment(float[] src, int srcFrom, float[] dst, int dstFrom, SplittableRandom random) {
            int n = side;
            int dx = a.shift() > 0 ? random.nextInt(2 * a.shift() + 1) - a.shift() : 0;
            int dy = a.shift() > 0 ? random.nextInt(2 * a.shift() + 1) - a.shift() : 0;
            double theta = a.rotateDegrees() > 0 ? Math.toRadians((2 * random.nextDouble() - 1) * a.rotateDegrees()) : 0;
            double s = a.scale() > 0 ? 1 + (2 * random.nextDouble() - 1) * a.scale() : 1;
            boolean elastic = a.elasticAlpha() > 0;
            if (elastic) {
                displacement(fieldX, random);
                displacement(fieldY, random);
            }
            if (theta == 0 && s == 1 && !elastic) {
                shift(src, srcFrom, dst, dstFrom, dx, dy);
                return;
            }
            // Inverse map: the source point each output pixel reads, rotated by -theta and scaled by 1/s about the centre.
            double cos = Math.cos(theta) / s;
            double sin = Math.sin(theta) / s;
            double c = (n - 1) / 2.0;
            for (int y = 0; y < n; y++) {
                double v = y - c - dy;
                double rowX = sin * v + c;
                double rowY = cos * v + c;
                for (int x = 0; x < n; x++) {
                    double u = x - c - dx;
                    int i = y * n + x;
                    float sx = (float) (cos * u + rowX);
                    float sy = (float) (-sin * u + rowY);
                    if (elastic) {
                        sx += fieldX[i];
                        sy += fieldY[i];
                    }
                    dst[dstFrom + i] = sample(src, srcFrom, sx, sy);
                }
            }
        }

        private float sample(float[] src, int from, float sx, float sy) {
            int n = side;
            int x0 = floor(sx);
            int y0 = floor(sy);
            float fx = sx - x0;
            float fy = sy - y0;
            float p00;
            float p10;
            float p01;
            float p11;
            if (x0 >= 0 && y0 >= 0 && x0 < n - 1 && y0 < n - 1) {
                int i = from + y0 * n + x0;
                p00 = src[i];
                p10 = src[i + 1];
                p01 = src[i + n];
                p11 = src[i + n + 1];
            } else {
                if (x0 < -1 || y0 < -1 || x0 >= n || y0 >= n) return 0f;
                p00 = pixel(src, from, x0, y0);
                p10 = pixel(src, from, x0 + 1, y0);
                p01 = pixel(src, from, x0, y0 + 1);
                p11 = pixel(src, from, x0 + 1, y0 + 1);
            }
            float value = (p00 * (1 - fx) + p10 * fx) * (1 - fy) + (p01 * (1 - fx) + p11 * fx) * fy;
            // A convex combination of [0, 1] values, but float rounding may step past either end. Compares, not
            // Math.min/max, whose NaN and -0 rules cost a few instructions per pixel and cannot arise here.
            return value < 0f ? 0f : value > 1f ? 1f : value;
        }

        /** Math.floor without the round trip through double; out-of-range values saturate and read as outside. */
        private static int floor(float v) {
            int i = (int) v;
            return v < i ? i - 1 : i;
        }

        private float pixel(float[] src, int from, int x, int y) {
            return x < 0 || y < 0 || x >= side || y >= side ? 0f : src[from + y * side + x];
        }

        /** Whole-pixel shift: rows copied in bulk, the uncovered border zero. */
        private void shift(float[] src, int srcFrom, float[] dst, int dstFrom, int dx, int dy) {
            int n = side;
            java.util.Arrays.fill(dst, dstFrom, dstFrom + n * n, 0f);
            int fromX = Math.max(0, dx);
            int toX = Math.min(n, n + dx);
            if (toX <= fromX) return;
            for (int y = Math.max(0, dy); y < Math.min(n, n + dy); y++) {
                System.arraycopy(src, srcFrom + (y - dy) * n + (fromX - dx), dst, dstFrom + y * n + fromX, toX - fromX);
            }
        }

        /** Uniform noise in [-1, 1) per pixel, Gaussian-smoothed (zero outside) and scaled by alpha. */
        private void displacement(float[] field, SplittableRandom random) {
            // Two 24-bit uniforms per generator call: a float holds no more, and the draws are half the calls of nextDouble.
            for (int i = 0; i < field.length; i += 2) {
                long bits = random.nextLong();
                field[i] = (bits >>> 40) * 0x1.0p-23f - 1f;
                if (i + 1 < field.length) field[i + 1] = ((bits >>> 16) & 0xFFFFFF) * 0x1.0p-23f - 1f;
            }
            smooth(field, (float) a.elasticAlpha());
        }

        /**
         * Replaces {@code field} by {@code scale} times its convolution with the truncated 2-D Gaussian (the product of the
         * 1-D kernel with itself, zero outside the image): K F K^T, done as two passes along columns with a transpose after
         * each. A pass along columns is one loop over the whole image per tap, long enough to vectorise; a pass along rows
         * is 28-long loops, which the JIT runs scalar.
         */
        void smooth(float[] field, float scale) {
            alongColumns(field, blurred);
            transpose(blurred, field, 1f);
            alongColumns(field, blurred);
            transpose(blurred, field, scale);
        }

        /** {@code dst} = K {@code src}: row y of dst sums kernel-weighted rows y - r .. y + r of src, rows past the edge zero. */
        private void alongColumns(float[] src, float[] dst) {
            int n = side;
            float centre = kernel[radius];
            for (int i = 0; i < dst.length; i++) dst[i] = centre * src[i];
            for (int d = 1; d <= radius; d++) {
                float w = kernel[radius + d];
                int shift = d * n;
                int end = dst.length - shift;
                // Taps d and -d share a weight: one pass reads both where both rows exist, the edge rows read one.
                for (int i = 0; i < Math.min(shift, end); i++) dst[i] += w * src[i + shift];
                for (int i = shift; i < end; i++) dst[i] += w * (src[i + shift] + src[i - shift]);
                for (int i = Math.max(shift, end); i < dst.length; i++) dst[i] += w * src[i - shift];
            }
        }

        private void transpose(float[] src, float[] dst, float scale) {
            int n = side;
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) dst[x * n + y] = scale * src[y * n + x];
            }
        }
    }
}
