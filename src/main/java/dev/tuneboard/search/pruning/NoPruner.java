package dev.tuneboard.search.pruning;

import java.util.List;
import java.util.Optional;

/** Lets every trial run all its epochs. */
public record NoPruner() implements Pruner {
    @Override
    public Optional<String> prune(int epoch, double value, List<TrialCurve> others) {
        return Optional.empty();
    }
}
