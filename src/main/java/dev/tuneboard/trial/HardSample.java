package dev.tuneboard.trial;

/**
 * A test image and how many of {@code of} trials got it wrong, with the wrong label they gave most often
 * ({@code commonWrongCount} of them; ties go to the lower label).
 */
public record HardSample(int sampleIndex, int trueLabel, int wrong, int of, int commonWrongLabel, int commonWrongCount) {
    public HardSample {
        if (wrong < 1 || wrong > of) throw new IllegalArgumentException("wrong must be in [1, of]");
        if (commonWrongCount < 1 || commonWrongCount > wrong) throw new IllegalArgumentException("commonWrongCount must be in [1, wrong]");
    }
}
