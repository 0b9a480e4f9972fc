package dev.tuneboard.bench;

import java.util.Map;

/**
 * What one measurement in one child JVM printed: the part, the ND4J/BLAS threads the JVM was started
 * with, how many trials trained at once, and its numbers by name (samples_per_s, gflops, p99_ms, …).
 */
public record PartResult(String part, int threads, int parallelism, Map<String, Double> metrics) {
    public PartResult {
        metrics = Map.copyOf(metrics);
    }

    public double metric(String name) {
        Double v = metrics.get(name);
        if (v == null) throw new IllegalStateException(part + " did not report " + name);
        return v;
    }
}
