package dev.tuneboard.bench;

import java.util.Arrays;

/** Latency percentiles of {@code count} requests, in milliseconds. */
public record Latency(int count, int failures, double p50Ms, double p99Ms, double maxMs) {
    static Latency of(double[] millis, int count, int failures) {
        double[] sorted = Arrays.copyOf(millis, count);
        Arrays.sort(sorted);
        return new Latency(count, failures, percentile(sorted, 0.50), percentile(sorted, 0.99),
                count == 0 ? Double.NaN : sorted[count - 1]);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
