package dev.tuneboard.train;

import java.util.SplittableRandom;

/**
 * Distorts square images one at a time: one affine map (shift, rotation, scale about the centre) plus, when
 * elastic, a smooth random displacement per pixel, read back with bilinear interpolation (zero outside the
 * image). Weights and scratch arrays are made once, so nothing is allocated per image or pixel; one instance is
 * used by one thread at a time.
 *
 * <p>The elastic field is not Simard's per-image blur of full-resolution noise (two 28×28 Gaussian blurs cost
 * ~32 µs an image, half a training sample's cost). It is uniform(-1, 1) noise on a coarse grid of spacing
 * sigma·√3, spread to the pixels by cubic B-spline weights: the B-spline's variance is sigma², so the field's
 * autocorrelation (the weight function's self-convolution) has the blurred noise's variance 2·sigma² and nearly its
 * Gaussian shape. Each pixel's weights are scaled so that its standard deviation is the blurred field's exactly,
 * zero-padded edges included: both fields are separable, so the scale is a product of an x and a y factor.
 * AugmentationTest checks standard deviation and autocorrelation against the exact blur. Below sigma ≈ 0.58 the
 * spacing stays one pixel, so tiny sigmas come out somewhat smoother than the blur.
 */
final class Augmenter {
    private final Augmentation a;
    private final int side;
    /** The source padded by two zero pixels on each side: any clamped read position has four valid taps. */
    private final float[] padded;
    private final float[] fieldX;
    private final float[] fieldY;
    /** Grid nodes per side of the elastic noise grid. */
    private final int nodes;
    /** Per pixel coordinate: first of its four grid nodes, and its four B-spline weights times gain (times alpha for y). */
    private final int[] firstNode;
    private final float[] yWeights;
    private final float[] xWeights;
    private final float[] noise;
    private final float[] rowsX;
    private final float[] rowsY;

    Augmenter(Augmentation augmentation, int width) {
        this.a = augmentation;
        this.side = (int) Math.round(Math.sqrt(width));
        if (side * side != width) throw new IllegalArgumentException("augmentation needs square images; rows have " + width + " pixels");
        int n = side;
        padded = new float[(n + 4) * (n + 4)];
        fieldX = new float[width];
        fieldY = new float[width];
        if (augmentation.elasticAlpha() > 0) {
            double sigma = augmentation.elasticSigma();
            double h = Math.max(1, sigma * Math.sqrt(3));
            nodes = (int) Math.ceil((n - 1) / h) + 4;
            double c = (n - 1) / 2.0;
            double start = c - h * (nodes - 1) / 2;
            // The reference: Simard's blur with the Gaussian cut at three sigmas and normalised over what is kept.
            int radius = Math.min(n - 1, (int) Math.ceil(3 * sigma));
            double[] kernel = new double[2 * radius + 1];
            double sum = 0;
            for (int k = -radius; k <= radius; k++) sum += kernel[k + radius] = Math.exp(-k * k / (2 * sigma * sigma));
            for (int k = 0; k < kernel.length; k++) kernel[k] /= sum;
            firstNode = new int[n];
            yWeights = new float[4 * n];
            xWeights = new float[4 * n];
            for (int x = 0; x < n; x++) {
                double t = (x - start) / h;
                int i = (int) Math.floor(t);
                double u = t - i;
                double[] w = {cube(1 - u) / 6, (3 * u * u * u - 6 * u * u + 4) / 6, (-3 * u * u * u + 3 * u * u + 3 * u + 1) / 6, cube(u) / 6};
                double blurred = 0;
                for (int k = -radius; k <= radius; k++) if (x + k >= 0 && x + k < n) blurred += kernel[k + radius] * kernel[k + radius];
                double spline = 0;
                for (double v : w) spline += v * v;
                double gain = Math.sqrt(blurred / spline);
                firstNode[x] = i - 1;
                for (int b = 0; b < 4; b++) {
                    yWeights[4 * x + b] = (float) (augmentation.elasticAlpha() * gain * w[b]);
                    xWeights[4 * x + b] = (float) (gain * w[b]);
                }
            }
            noise = new float[2 * nodes * nodes];
            rowsX = new float[nodes * n];
            rowsY = new float[nodes * n];
        } else {
            nodes = 0;
            firstNode = null;
            yWeights = null;
            xWeights = null;
            noise = null;
            rowsX = null;
            rowsY = null;
        }
    }

    private static double cube(double v) {
        return v * v * v;
    }

    /** Writes a distorted copy of {@code src[srcFrom ..]} to {@code dst[dstFrom ..]}; values stay in the source's [0, 1]. */
    void augment(float[] src, int srcFrom, float[] dst, int dstFrom, SplittableRandom random) {
        int n = side;
        int dx = a.shift() > 0 ? random.nextInt(2 * a.shift() + 1) - a.shift() : 0;
        int dy = a.shift() > 0 ? random.nextInt(2 * a.shift() + 1) - a.shift() : 0;
        double theta = a.rotateDegrees() > 0 ? Math.toRadians((2 * random.nextDouble() - 1) * a.rotateDegrees()) : 0;
        double s = a.scale() > 0 ? 1 + (2 * random.nextDouble() - 1) * a.scale() : 1;
        boolean elastic = a.elasticAlpha() > 0;
        if (elastic) displacements(fieldX, fieldY, random);
        if (theta == 0 && s == 1 && !elastic) {
            shift(src, srcFrom, dst, dstFrom, dx, dy);
            return;
        }
        int w = n + 4;
        for (int y = 0; y < n; y++) System.arraycopy(src, srcFrom + y * n, padded, (y + 2) * w + 2, n);
        // Inverse map: the source point each output pixel reads, rotated by -theta and scaled by 1/s about the centre,
        // plus 2 for the padding. Without elastic the fields stay zero.
        float cos = (float) (Math.cos(theta) / s);
        float sin = (float) (Math.sin(theta) / s);
        double c = (n - 1) / 2.0;
        int last = n + 2;
        float[] p = padded;
        for (int y = 0; y < n; y++) {
            double v = y - c - dy;
            double u0 = -c - dx;
            float rowX = (float) (cos * u0 + sin * v + c + 2);
            float rowY = (float) (-sin * u0 + cos * v + c + 2);
            int row = y * n;
            // Stepped, not cos * x: an int-to-float conversion per pixel costs more than the stepping's ~1e-5 px drift.
            float ax = rowX;
            float ay = rowY;
            for (int x = 0; x < n; x++, ax += cos, ay -= sin) {
                float sx = ax + fieldX[row + x];
                float sy = ay + fieldY[row + x];
                // Truncation is floor for sx >= 0; anything left of 0 or right of n + 2 is clamped onto the zero
                // border, where all four taps are zero whatever the fraction: no branch per pixel.
                int x0 = Math.min(last, Math.max(0, (int) sx));
                int y0 = Math.min(last, Math.max(0, (int) sy));
                float fx = sx - x0;
                float fy = sy - y0;
                int k = y0 * w + x0;
                float top = p[k] + fx * (p[k + 1] - p[k]);
                float bottom = p[k + w] + fx * (p[k + w + 1] - p[k + w]);
                float value = top + fy * (bottom - top);
                // Between its [0, 1] taps, but float rounding may step past either end. Compares, not Math.min/max,
                // whose NaN and -0 rules cost a few instructions per pixel and cannot arise here.
                dst[dstFrom + row + x] = value < 0f ? 0f : value > 1f ? 1f : value;
            }
        }
    }

    /**
     * Fills {@code fx} and {@code fy} with independent elastic displacement fields (pixels), drawn from
     * {@code random}: uniform(-1, 1) noise per grid node, x field then y field, spread by the B-spline weights.
     */
    void displacements(float[] fx, float[] fy, SplittableRandom random) {
        // Two 24-bit uniforms per generator call: a float holds no more, and the draws are half the calls of nextDouble.
        for (int i = 0; i < noise.length; i += 2) {
            long bits = random.nextLong();
            noise[i] = (bits >>> 40) * 0x1.0p-23f - 1f;
            noise[i + 1] = ((bits >>> 16) & 0xFFFFFF) * 0x1.0p-23f - 1f;
        }
        int n = side;
        int m = nodes;
        int second = m * m;
        // Along x: per grid row, each pixel the weighted sum of its four nodes, both fields in one loop.
        for (int r = 0; r < m; r++) {
            int out = r * n;
            for (int x = 0; x < n; x++) {
                int g = r * m + firstNode[x];
                float w0 = xWeights[4 * x];
                float w1 = xWeights[4 * x + 1];
                float w2 = xWeights[4 * x + 2];
                float w3 = xWeights[4 * x + 3];
                rowsX[out + x] = w0 * noise[g] + w1 * noise[g + 1] + w2 * noise[g + 2] + w3 * noise[g + 3];
                rowsY[out + x] = w0 * noise[second + g] + w1 * noise[second + g + 1] + w2 * noise[second + g + 2] + w3 * noise[second + g + 3];
            }
        }
        // Down the columns, both fields in one loop: they share the weights and the rows read.
        for (int y = 0; y < n; y++) {
            int r = firstNode[y] * n;
            float w0 = yWeights[4 * y];
            float w1 = yWeights[4 * y + 1];
            float w2 = yWeights[4 * y + 2];
            float w3 = yWeights[4 * y + 3];
            int out = y * n;
            for (int x = 0; x < n; x++) {
                int i = r + x;
                fx[out + x] = w0 * rowsX[i] + w1 * rowsX[i + n] + w2 * rowsX[i + 2 * n] + w3 * rowsX[i + 3 * n];
                fy[out + x] = w0 * rowsY[i] + w1 * rowsY[i + n] + w2 * rowsY[i + 2 * n] + w3 * rowsY[i + 3 * n];
            }
        }
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
}
