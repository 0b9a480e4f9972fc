package dev.tuneboard.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * How the whole bench runs. {@code quick} shrinks everything to a smoke run (the numbers are then
 * meaningless, only the shape counts). {@code childJvmArgs} go to every child, e.g. a JFR recording.
 * {@code pytorchBench}, when set, is the built {@code bench-pytorch/target} folder: PyTorch's bare loop
 * then runs in the same rounds.
 */
public record BenchConfig(Path dataDir, Path outDir, int rounds, double secondsPerMeasure, boolean quick, int cores,
                          int boardTrials, List<String> childJvmArgs, Path pytorchBench) {
    public BenchConfig {
        childJvmArgs = List.copyOf(childJvmArgs);
        if (rounds < 1 || secondsPerMeasure <= 0 || cores < 1) throw new IllegalArgumentException("rounds, seconds and cores must be positive");
    }

    int trainLimit() {
        return quick ? 2500 : 0;
    }

    int validation() {
        return quick ? 500 : 10_000;
    }

    int testLimit() {
        return quick ? 500 : 0;
    }

    int matrixSize() {
        return quick ? 512 : 2048;
    }
}
