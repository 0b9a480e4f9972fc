package dev.tuneboard.train;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * Everything one training run needs besides the data: the network, batch size, epochs, seed, and how the training
 * images are distorted (never the validation or test images).
 */
public record TrialPlan(MultiLayerConfiguration network, int batchSize, int epochs, long seed, Augmentation augmentation) {
    public TrialPlan {
        if (batchSize < 1 || epochs < 1) throw new IllegalArgumentException("batch size and epochs must be >= 1");
        if (augmentation == null) throw new IllegalArgumentException("augmentation must be given (Augmentation.NONE for off)");
    }

    public TrialPlan(MultiLayerConfiguration network, int batchSize, int epochs, long seed) {
        this(network, batchSize, epochs, seed, Augmentation.NONE);
    }
}
