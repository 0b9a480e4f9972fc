package dev.tuneboard.train;

import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.data.Split;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One-thread cost per image of {@link Augmenter} on real MNIST digits, in this thread's CPU microseconds per image
 * (the blur-based code it replaced is commit d742adb's Augmenter; the README has the same-run comparison). Each line
 * carries /proc/loadavg, because the machine is shared. Not a test: a timing on a shared 2-core machine cannot be
 * asserted. Run after {@code mvn -q -B -o test-compile}:
 * <pre>
 * mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.tuneboard.train.AugmenterTiming [rounds] [ms per measure]
 * </pre>
 */
final class AugmenterTiming {
    /** This thread's CPU time, not wall time: other work on the cores stretches wall time, not the work done here. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static double sink;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        long millis = args.length > 1 ? Long.parseLong(args[1]) : 1000;
        Split train = new DigitDataLoader(new IdxReader()).load(Path.of("data/mnist"), 1000, 5000, 1000, 7).train();
        Augmentation[] settings = {
            new Augmentation(2, 10, 0.1, 34, 4),   // what bench --only augmentation trains with
            new Augmentation(0, 0, 0, 34, 4),      // elastic alone
            new Augmentation(2, 10, 0.1, 0, 0),    // affine alone
        };
        for (Augmentation a : settings) {
            Augmenter augmenter = new Augmenter(a, train.width());
            time(augmenter, train, 2 * millis);   // JIT warm-up
            double[] us = new double[rounds];
            System.out.println(a);
            for (int round = 0; round < rounds; round++) {
                us[round] = time(augmenter, train, millis) / 1000;
                System.out.printf("  round %d: %.1f us/image (load %s)%n", round + 1, us[round], load());
            }
            Arrays.sort(us);
            System.out.printf("  median %.1f us/image, range %.1f-%.1f over %d rounds%n", us[rounds / 2], us[0], us[rounds - 1], rounds);
        }
        Augmenter after = new Augmenter(settings[1], train.width());
        float[] fx = new float[train.width()];
        float[] fy = new float[train.width()];
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < rounds; round++) {
            long count = 0;
            long start = CPU.getCurrentThreadCpuTime();
            long deadline = System.nanoTime() + millis * 1_000_000;
            do {
                for (int i = 0; i < 256; i++, count++) after.displacements(fx, fy, random);
            } while (System.nanoTime() < deadline);
            sink += fx[0] + fy[0];
            System.out.printf("  both elastic fields (draw + spread): %.2f us (load %s)%n", (CPU.getCurrentThreadCpuTime() - start) / 1000.0 / count, load());
        }
        if (sink == 42) System.out.println();
    }

    private static double time(Augmenter v, Split train, long millis) {
        int width = train.width();
        float[] out = new float[width];
        SplittableRandom random = new SplittableRandom(1);
        long count = 0;
        long start = CPU.getCurrentThreadCpuTime();
        long deadline = System.nanoTime() + millis * 1_000_000;
        do {
            for (int i = 0; i < 256; i++, count++) {
                v.augment(train.features(), (int) (count % train.size()) * width, out, 0, random);
            }
        } while (System.nanoTime() < deadline);
        long elapsed = CPU.getCurrentThreadCpuTime() - start;
        sink += out[count % width == 0 ? 1 : 0];
        return elapsed / (double) count;
    }

    private static String load() throws java.io.IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }
}
