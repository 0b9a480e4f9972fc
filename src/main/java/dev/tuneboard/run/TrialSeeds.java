package dev.tuneboard.run;

import java.util.SplittableRandom;

/** A trial's seed comes from the experiment seed and the trial number only, so a rerun reproduces it. */
final class TrialSeeds {
    private TrialSeeds() {
    }

    static long of(long experimentSeed, int trialNumber) {
        return new SplittableRandom(experimentSeed * 1_000_003L + trialNumber).nextLong() & 0x7fff_ffffL;
    }
}
