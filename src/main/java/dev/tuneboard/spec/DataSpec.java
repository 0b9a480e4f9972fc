package dev.tuneboard.spec;

import java.nio.file.Path;

/**
 * Where the IDX files are and how to cut them. {@code validation} images are carved from the
 * training set and choose models; the test set only reports. Limits of 0 mean "all".
 */
public record DataSpec(Path dir, int validation, int trainLimit, int testLimit, long splitSeed) {
    public DataSpec {
        if (validation < 1) throw new IllegalArgumentException("validation must be >= 1");
        if (trainLimit < 0 || testLimit < 0) throw new IllegalArgumentException("limits must be >= 0");
    }
}
