package dev.tuneboard.trial;

/**
 * What a trained network costs to use: its weights and biases, and the median CPU time in milliseconds of one
 * forward pass (the calling thread's, ND4J running one thread per trial) for a batch of 1 and a batch of 256 test
 * images, measured after warm-up when the trial finished ({@code calls1} and {@code calls256} timed calls).
 * Latencies depend on the CPU: compare trials of one machine.
 */
public record InferenceCost(long parameters, double latencyMs, double latencyMs256, int calls1, int calls256) {
    public InferenceCost {
        if (parameters < 0) throw new IllegalArgumentException("parameters must be >= 0");
        if (!(latencyMs >= 0) || !(latencyMs256 >= 0)) throw new IllegalArgumentException("latencies must be >= 0");
        if (calls1 < 0 || calls256 < 0) throw new IllegalArgumentException("calls must be >= 0");
    }

    /** Per image at batch 256. */
    public double latencyMsPerImage256() {
        return latencyMs256 / 256;
    }
}
