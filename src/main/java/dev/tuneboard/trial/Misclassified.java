package dev.tuneboard.trial;

/** A test image the trained network got wrong: its index in the test IDX file, truth, guess, confidence. */
public record Misclassified(int sampleIndex, int trueLabel, int predictedLabel, double confidence) {
}
