package dev.tuneboard.bench;

import java.util.function.IntToLongFunction;

/**
 * The timed part of every bare training loop (DL4J here, PyTorch in bench-pytorch): steps run until the
 * time is up; each step is given its running index and returns how many samples it trained on.
 */
public final class TimedLoop {
    private TimedLoop() {
    }

    /** Samples trained in at least {@code seconds} of back-to-back steps (always one step at least). */
    public static long samples(double seconds, IntToLongFunction step) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long samples = 0;
        int i = 0;
        do {
            samples += step.applyAsLong(i++);
        } while (System.nanoTime() < end);
        return samples;
    }
}
