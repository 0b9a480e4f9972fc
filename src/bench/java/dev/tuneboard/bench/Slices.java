package dev.tuneboard.bench;

import dev.tuneboard.data.Split;

import java.util.Arrays;

final class Slices {
    private Slices() {
    }

    /** The first {@code n} rows of a split (all of it when smaller). */
    static Split head(Split s, int n) {
        int k = Math.min(n, s.size());
        return new Split(s.name(), Arrays.copyOf(s.features(), k * s.width()), Arrays.copyOf(s.labels(), k),
                Arrays.copyOf(s.sourceIndex(), k), s.width(), s.classes());
    }
}
