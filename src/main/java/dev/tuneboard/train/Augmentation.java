package dev.tuneboard.train;

/**
 * How a trial distorts its training images (never validation or test): a random whole-pixel shift of up to
 * {@code shift} in x and y, a rotation of up to {@code rotateDegrees} either way, a scale change of up to
 * {@code scale} (0.1 = 0.9..1.1), and Simard et al. 2003's elastic distortion (uniform noise in [-1, 1] smoothed
 * by a Gaussian of {@code elasticSigma} pixels and scaled by {@code elasticAlpha}); all zero is off.
 */
public record Augmentation(int shift, double rotateDegrees, double scale, double elasticAlpha, double elasticSigma) {
    public static final Augmentation NONE = new Augmentation(0, 0, 0, 0, 0);

    public Augmentation {
        if (shift < 0 || !(rotateDegrees >= 0) || !(scale >= 0 && scale < 1) || !(elasticAlpha >= 0) || !(elasticSigma >= 0)) {
            throw new IllegalArgumentException("augmentation out of range: shift " + shift + ", rotate " + rotateDegrees
                    + ", scale " + scale + ", elastic alpha " + elasticAlpha + ", sigma " + elasticSigma);
        }
        if (elasticAlpha > 0 && !(elasticSigma > 0)) throw new IllegalArgumentException("elastic distortion needs sigma > 0");
    }

    public boolean on() {
        return shift > 0 || rotateDegrees > 0 || scale > 0 || elasticAlpha > 0;
    }
}
