package dev.tuneboard.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code training.augmentation}: how training images are distorted, each part fixed or searched, null when the
 * spec leaves it out (then it is off and not a parameter at all, so specs without it keep their space).
 * Shift in whole pixels, rotation in degrees, scale as the largest relative change, elastic distortion as
 * Simard et al. 2003's alpha (displacement scale, pixels) and sigma (Gaussian smoothing, pixels).
 */
public record AugmentationSpec(Param shift, Param rotate, Param scale, Param elasticAlpha, Param elasticSigma) {
    public static final String SHIFT = "aug_shift";
    public static final String ROTATE = "aug_rotate";
    public static final String SCALE = "aug_scale";
    public static final String ELASTIC_ALPHA = "aug_elastic_alpha";
    public static final String ELASTIC_SIGMA = "aug_elastic_sigma";

    public static final AugmentationSpec NONE = new AugmentationSpec(null, null, null, null, null);

    public AugmentationSpec {
        if ((elasticAlpha == null) != (elasticSigma == null)) {
            throw new IllegalArgumentException("elastic distortion needs both alpha and sigma");
        }
    }

    /** The parts given, by parameter name, in display order. */
    public Map<String, Param> parameters() {
        Map<String, Param> params = new LinkedHashMap<>();
        if (shift != null) params.put(SHIFT, shift);
        if (rotate != null) params.put(ROTATE, rotate);
        if (scale != null) params.put(SCALE, scale);
        if (elasticAlpha != null) params.put(ELASTIC_ALPHA, elasticAlpha);
        if (elasticSigma != null) params.put(ELASTIC_SIGMA, elasticSigma);
        return params;
    }
}
