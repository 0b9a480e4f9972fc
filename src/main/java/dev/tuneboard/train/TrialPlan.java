package dev.tuneboard.train;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/** Everything one training run needs besides the data: the network, batch size, epochs and seed. */
public record TrialPlan(MultiLayerConfiguration network, int batchSize, int epochs, long seed) {
    public TrialPlan {
        if (batchSize < 1 || epochs < 1) throw new IllegalArgumentException("batch size and epochs must be >= 1");
    }
}
