package dev.tuneboard.spec;

import java.util.List;

/**
 * How a trial trains. Beyond learning rate, batch size and epochs every field is optional (null: not used, and
 * not a parameter of the trial): the learning-rate schedule (a {@link Param.Named} over {@link #LR_SCHEDULES})
 * with its step length in epochs and its decay factor, warm-up epochs, weight decay, and early stopping; and how
 * the training images are distorted ({@link AugmentationSpec}).
 */
public record TrainingSpec(Param learningRate, Param batchSize, Param epochs, Param lrSchedule, Param lrStepEpochs,
                           Param lrGamma, Param warmupEpochs, Param weightDecay, EarlyStopping earlyStopping,
                           AugmentationSpec augmentation) {
    /** Learning-rate schedules, by the names specs and trial params use; the order is stored in trials: append only. */
    public static final List<String> LR_SCHEDULES = List.of("none", "step", "exponential", "cosine");

    public TrainingSpec(Param learningRate, Param batchSize, Param epochs) {
        this(learningRate, batchSize, epochs, null, null, null, null, null, null, null);
    }

    /**
     * Stop a trial once the objective has not improved by more than {@code minDelta} for {@code patience} epochs;
     * the trial keeps its best epoch's weights and metrics.
     */
    public record EarlyStopping(int patience, double minDelta) {
        public EarlyStopping {
            if (patience < 1) throw new IllegalArgumentException("patience must be >= 1, got " + patience);
            if (!(minDelta >= 0)) throw new IllegalArgumentException("min_delta must be >= 0, got " + minDelta);
        }
    }
}
