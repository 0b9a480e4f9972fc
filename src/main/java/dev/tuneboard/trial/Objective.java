package dev.tuneboard.trial;


import java.util.Arrays;
import java.util.Locale;

/**
 * What "best" means for an experiment: a validation metric and its direction. The one encoding of the idea:
 * the spec, the store, the samplers, the pruners and the leaderboard all ask it. Never measured on the test set.
 */
public record Objective(Metric metric, Direction direction) {
    public enum Metric {
        VAL_ACCURACY, VAL_LOSS;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Metric of(String key) {
            return Arrays.stream(values()).filter(m -> m.key().equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no objective metric '" + key + "'"));
        }

        /** The direction that picks the best model; the other would pick the worst. */
        public Direction naturalDirection() {
            return this == VAL_LOSS ? Direction.MINIMIZE : Direction.MAXIMIZE;
        }
    }

    public enum Direction {
        MAXIMIZE, MINIMIZE;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Direction of(String key) {
            return Arrays.stream(values()).filter(d -> d.key().equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no objective direction '" + key + "'"));
        }
    }

    public static final Objective VAL_ACCURACY = new Objective(Metric.VAL_ACCURACY, Direction.MAXIMIZE);

    public Objective {
        if (metric == null || direction == null) throw new IllegalArgumentException("an objective needs a metric and a direction");
    }

    /** The stored form ("val_accuracy", "maximize"). */
    public Objective(String metric, String direction) {
        this(Metric.of(metric), Direction.of(direction));
    }

    public boolean maximize() {
        return direction == Direction.MAXIMIZE;
    }

    public double value(double valAccuracy, double valLoss) {
        return metric == Metric.VAL_LOSS ? valLoss : valAccuracy;
    }

    public double value(EpochMetrics epoch) {
        return value(epoch.valAccuracy(), epoch.valLoss());
    }

    /** True when {@code a} is strictly worse than {@code b}; NaN (a diverged trial) is worse than any number. */
    public boolean worse(double a, double b) {
        if (Double.isNaN(a)) return !Double.isNaN(b);
        if (Double.isNaN(b)) return false;
        return maximize() ? a < b : a > b;
    }

    /** True when {@code a} is strictly better than {@code b}. */
    public boolean better(double a, double b) {
        return worse(b, a);
    }
}
