package dev.tuneboard.bench;

import java.time.Duration;

/**
 * Calls a probe over and over for a while, one request at a time with a pause between (as a polling
 * dashboard would), and reports percentiles. The first requests warm caches and the JIT and are dropped.
 */
public final class LatencyMeter {
    private final Duration pause;
    private final int warmUpRequests;

    public LatencyMeter(Duration pause, int warmUpRequests) {
        this.pause = pause;
        this.warmUpRequests = warmUpRequests;
    }

    public Latency measure(LatencyProbe probe, Duration duration) throws InterruptedException {
        for (int i = 0; i < warmUpRequests; i++) call(probe);
        double[] millis = new double[1024];
        int count = 0;
        int failures = 0;
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            boolean ok = call(probe);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (!ok) failures++;
            if (count == millis.length) millis = java.util.Arrays.copyOf(millis, count * 2);
            millis[count++] = ms;
            Thread.sleep(pause.toMillis());
        }
        return Latency.of(millis, count, failures);
    }

    private static boolean call(LatencyProbe probe) {
        try {
            probe.request();
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
