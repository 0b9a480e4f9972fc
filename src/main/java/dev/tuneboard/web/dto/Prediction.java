package dev.tuneboard.web.dto;

/** One classified picture: the digit, all ten probabilities, and which trial's model said so. */
public record Prediction(int digit, float[] probabilities, int trial, int attempt, long trialId, String experiment) {
    public Prediction {
        if (probabilities.length != 10) throw new IllegalArgumentException("10 probabilities expected, got " + probabilities.length);
    }
}
