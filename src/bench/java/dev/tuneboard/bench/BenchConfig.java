package dev.tuneboard.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * How the whole bench runs. {@code quick} shrinks everything to a smoke run (the numbers are then
 * meaningless, only the shape counts). {@code childJvmArgs} go to every child, e.g. a JFR recording.
 * {@code pytorchBench}, when set, is the built {@code bench-pytorch/target} folder: PyTorch's bare loop
 * then runs in the same rounds. {@code only}, when not empty, limits the run to those parts (names of
 * {@link Parts#NAMES}); the dashboard part's load test runs {@code loadClients} clients for {@code loadSeconds}; its
 * filled database is kept in and reused from {@code fillCache} when set.
 */
public record BenchConfig(Path dataDir, Path outDir, int rounds, double secondsPerMeasure, boolean quick, int cores,
                          int boardTrials, List<String> childJvmArgs, Path pytorchBench, List<String> only,
                          int loadClients, double loadSeconds, Path fillCache) {
    public BenchConfig {
        childJvmArgs = List.copyOf(childJvmArgs);
        only = List.copyOf(only);
        for (String part : only) {
            if (!Parts.NAMES.contains(part)) throw new IllegalArgumentException("unknown part '" + part + "'; expected one of " + Parts.NAMES);
        }
        if (loadClients < 1 || loadSeconds <= 0) throw new IllegalArgumentException("load clients and seconds must be positive");
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
