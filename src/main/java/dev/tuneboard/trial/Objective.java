package dev.tuneboard.trial;


import java.util.Arrays;
import java.util.Locale;

/**
 * What "best" means for an experiment: a validation metric and its direction. The one encoding of the idea:
 * the spec, the store, the samplers, the pruners and the leaderboard all ask it. Never measured on the test set.
 */
public record Objective(Metric metric, Direction direction) {
    public enum Metric {
        VAL_ACCURACY, VAL_LOSS,
        /** Median CPU milliseconds of one forward pass of one image ({@link InferenceCost#latencyMs}). */
        LATENCY_MS,
        /** Weights and biases ({@link InferenceCost#parameters}). */
        PARAMETERS;

        /** Measured on the validation split every epoch; the others are costs, known once a trial finishes. */
        public boolean validation() {
            return this == VAL_ACCURACY || this == VAL_LOSS;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Metric of(String key) {
            return Arrays.stream(values()).filter(m -> m.key().equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no objective metric '" + key + "'"));
        }

        /** The direction that picks the best model; the other would pick the worst. */
        public Direction naturalDirection() {
            return this == VAL_ACCURACY ? Direction.MAXIMIZE : Direction.MINIMIZE;
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
        if (!metric.validation()) throw new IllegalStateException(metric.key() + " is not measured per epoch");
        return metric == Metric.VAL_LOSS ? valLoss : valAccuracy;
    }

    /** This metric of a stored trial; NaN when it was not measured (a failed trial, one stored before costs were). */
    public double value(TrialRecord t) {
        Double v = switch (metric) {
            case VAL_ACCURACY -> t.valAccuracy();
            case VAL_LOSS -> t.valLoss();
            case LATENCY_MS -> t.cost() == null ? null : t.cost().latencyMs();
            case PARAMETERS -> t.cost() == null ? null : (double) t.cost().parameters();
        };
        return v == null ? Double.NaN : v;
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
