package dev.tuneboard.bench;

import java.nio.file.Path;

/**
 * Inputs of one part. {@code trainLimit}/{@code validation}/{@code testLimit} size the MNIST slice
 * (0 = all); {@code epochs} is set by the orchestrator from the bare loop's speed so a trial lasts
 * about {@code seconds}; {@code boardTrials} is how many stored trials the dashboard is queried over, by
 * {@code loadClients} concurrent clients for {@code loadSeconds} in its load test; {@code fillCache}, when set, is a
 * folder where the filled database is kept and reused by later runs.
 */
public record PartOptions(Path dataDir, int threads, int parallelism, double seconds, int trainLimit, int validation,
                          int testLimit, int epochs, int trials, int matrixSize, int boardTrials, int loadClients,
                          double loadSeconds, Path fillCache) {
}
