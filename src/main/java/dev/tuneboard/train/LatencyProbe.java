package dev.tuneboard.train;

import dev.tuneboard.data.Split;
import dev.tuneboard.trial.InferenceCost;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Times a trained network's forward pass on real test images, cheaply enough to do for every trial: warm-up calls
 * first (JIT, workspaces), then timed calls until a count or a CPU-time budget is reached, whichever comes first (at
 * least {@link #MIN_CALLS}); the median is kept. At most about 0.3 s of CPU a trial (10 + 51 calls at batch 1, 2 + 11
 * at batch 256). Timed as the calling thread's CPU time: the launcher runs ND4J and OpenBLAS with one thread per
 * trial (Main, ThreadEnvironment), so the forward pass runs on this thread, and time other processes take from the
 * core (a busy machine, a parallel trial) does not count. That is the latency of an otherwise idle core.
 */
final class LatencyProbe {
    static final int BIG_BATCH = 256;
    private static final int WARMUP_1 = 10;
    private static final int WARMUP_256 = 2;
    private static final int MAX_CALLS_1 = 51;
    private static final int MAX_CALLS_256 = 11;
    private static final int MIN_CALLS = 5;
    private static final long BUDGET_1_NANOS = 50_000_000L;
    private static final long BUDGET_256_NANOS = 200_000_000L;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    InferenceCost measure(MultiLayerNetwork net, Split test) {
        INDArray one = NativeFloats.matrix(rows(test, 1), 1, test.width());
        INDArray batch = NativeFloats.matrix(rows(test, BIG_BATCH), BIG_BATCH, test.width());
        try {
            double[] t1 = time(net, one, WARMUP_1, MAX_CALLS_1, BUDGET_1_NANOS);
            double[] t256 = time(net, batch, WARMUP_256, MAX_CALLS_256, BUDGET_256_NANOS);
            return new InferenceCost(net.numParams(), median(t1), median(t256), t1.length, t256.length);
        } finally {
            NativeFloats.release(one);
            NativeFloats.release(batch);
        }
    }

    /** The first {@code n} test images, cycling when the test split is smaller. */
    private static float[] rows(Split test, int n) {
        int width = test.width();
        float[] out = new float[n * width];
        int available = Math.max(1, test.size());
        for (int r = 0; r < n; r++) {
            if (test.size() == 0) break;
            System.arraycopy(test.features(), (r % available) * width, out, r * width, width);
        }
        return out;
    }

    private double[] time(MultiLayerNetwork net, INDArray input, int warmup, int maxCalls, long budgetNanos) {
        for (int i = 0; i < warmup; i++) NativeFloats.release(net.output(input, false));
        double[] ms = new double[maxCalls];
        long spent = 0;
        int n = 0;
        while (n < maxCalls && (n < MIN_CALLS || spent < budgetNanos)) {
            long t0 = cpuNanos();
            INDArray out = net.output(input, false);
            long took = cpuNanos() - t0;
            NativeFloats.release(out);
            spent += took;
            ms[n++] = took / 1e6;
        }
        return Arrays.copyOf(ms, n);
    }

    /** This thread's CPU time; wall time where the JVM cannot tell (then a busy machine inflates the numbers). */
    private long cpuNanos() {
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
