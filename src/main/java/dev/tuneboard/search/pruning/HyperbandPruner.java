package dev.tuneboard.search.pruning;

import dev.tuneboard.trial.Objective;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Hyperband over the ASHA rule, as Optuna's HyperbandPruner: floor(log_eta(maxEpochs / minEpochs)) + 1
 * brackets; bracket i is an {@link AshaPruner} whose first rung is minEpochs * eta^i, so bracket 0 stops trials
 * earliest and the last bracket lets them run longest before judging them. Each trial number belongs to one
 * bracket, drawn deterministically with Optuna's weights (bracket i gets ceil(n * eta^s / (s + 1)) parts,
 * s = n - 1 - i: more trials where they are cheap), and competes only with trials of its own bracket.
 */
public record HyperbandPruner(int minEpochs, int maxEpochs, int reductionFactor, Objective objective) implements Pruner {
    public HyperbandPruner {
        if (minEpochs < 1) throw new IllegalArgumentException("minEpochs must be >= 1, got " + minEpochs);
        if (reductionFactor < 2) throw new IllegalArgumentException("reductionFactor must be >= 2, got " + reductionFactor);
        if (maxEpochs < minEpochs) {
            throw new IllegalArgumentException("maxEpochs must be >= minEpochs (" + minEpochs + "), got " + maxEpochs);
        }
    }

    /** How many brackets: the first rungs minEpochs * eta^i that are at most maxEpochs. */
    public int brackets() {
        int n = 1;
        for (long rung = (long) minEpochs * reductionFactor; rung <= maxEpochs; rung *= reductionFactor) n++;
        return n;
    }

    /** The first rung of {@code bracket}: the epoch at which its trials are first compared. */
    public int firstRung(int bracket) {
        long rung = minEpochs;
        for (int i = 0; i < bracket; i++) rung *= reductionFactor;
        return (int) rung;
    }

    /** Optuna's share of trials for {@code bracket}: ceil(n * eta^s / (s + 1)) with s = n - 1 - bracket. */
    int budget(int bracket) {
        int n = brackets();
        int s = n - 1 - bracket;
        return (int) Math.ceil(n * Math.pow(reductionFactor, s) / (s + 1));
    }

    /** The bracket of a trial number: the same in every process and on every resume. */
    public int bracketOf(int trialNumber) {
        int n = brackets();
        int total = 0;
        for (int b = 0; b < n; b++) total += budget(b);
        long draw = Math.floorMod(new SplittableRandom(trialNumber).nextLong(), (long) total);
        for (int b = 0; b < n; b++) {
            draw -= budget(b);
            if (draw < 0) return b;
        }
        return n - 1;
    }

    @Override
    public Optional<String> prune(int trialNumber, int epoch, double value, List<TrialCurve> others) {
        int bracket = bracketOf(trialNumber);
        List<TrialCurve> rivals = others.stream().filter(c -> c.number() >= 0 && bracketOf(c.number()) == bracket).toList();
        return new AshaPruner(firstRung(bracket), reductionFactor, objective).prune(epoch, value, rivals)
                .map(reason -> "hyperband bracket " + (bracket + 1) + " of " + brackets() + " (first rung epoch "
                        + firstRung(bracket) + "): " + reason);
    }

    /** Brackets are by trial number; a caller that has none cannot be placed in one. */
    @Override
    public Optional<String> prune(int epoch, double value, List<TrialCurve> others) {
        throw new UnsupportedOperationException("hyperband places trials in brackets by trial number: "
                + "call prune(trialNumber, epoch, value, others)");
    }
}
