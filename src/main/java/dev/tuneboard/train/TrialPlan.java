package dev.tuneboard.train;

import dev.tuneboard.trial.Objective;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * Everything one training run needs besides the data: the network, batch size, epochs, seed, how the training
 * images are distorted (never the validation or test images), and the early stopping rule (null: train every epoch
 * and keep the last one's weights).
 */
public record TrialPlan(MultiLayerConfiguration network, int batchSize, int epochs, long seed, Augmentation augmentation,
                        EarlyStop earlyStop) {
    public TrialPlan {
        if (batchSize < 1 || epochs < 1) throw new IllegalArgumentException("batch size and epochs must be >= 1");
        if (augmentation == null) throw new IllegalArgumentException("augmentation must be given (Augmentation.NONE for off)");
    }

    public TrialPlan(MultiLayerConfiguration network, int batchSize, int epochs, long seed) {
        this(network, batchSize, epochs, seed, Augmentation.NONE, null);
    }

    /**
     * End the trial when {@code objective} has not improved by more than {@code minDelta} for {@code patience}
     * epochs; the trial keeps its best epoch's weights and metrics either way.
     */
    public record EarlyStop(Objective objective, int patience, double minDelta) {
        public EarlyStop {
            if (patience < 1 || !(minDelta >= 0)) throw new IllegalArgumentException("patience >= 1 and min_delta >= 0");
        }

        /** True when {@code value} beats {@code best} by more than min_delta (the first epoch always does). */
        boolean improves(double value, double best) {
            if (Double.isNaN(best)) return !Double.isNaN(value);
            return objective.better(value, objective.maximize() ? best + minDelta : best - minDelta);
        }
    }
}
