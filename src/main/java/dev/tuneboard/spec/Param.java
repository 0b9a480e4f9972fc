package dev.tuneboard.spec;

import java.util.List;

/**
 * One hyperparameter's value in a spec: fixed, or a distribution to search over.
 * Each variant checks itself on construction, so an invalid range never leaves the spec loader.
 */
public sealed interface Param {

    /** A short human description, as `validate` and the dashboard print it. */
    String describe();

    /** How many distinct values a grid search takes from this parameter (continuous: {@code gridPoints}). */
    int gridSize(int gridPoints);

    record Fixed(Number value) implements Param {
        public String describe() { return String.valueOf(value); }
        public int gridSize(int gridPoints) { return 1; }
        public double min() { return value.doubleValue(); }
        public double max() { return value.doubleValue(); }
    }

    record Choice(List<Number> values) implements Param {
        public Choice {
            values = List.copyOf(values);
            if (values.isEmpty()) throw new IllegalArgumentException("choice needs at least one value");
        }
        public String describe() { return "choice" + values; }
        public int gridSize(int gridPoints) { return values.size(); }
        public double min() { return values.stream().mapToDouble(Number::doubleValue).min().orElseThrow(); }
        public double max() { return values.stream().mapToDouble(Number::doubleValue).max().orElseThrow(); }
    }

    /** Integers in [low, high]; log-uniform when {@code log}; multiples of {@code step} from low. */
    record IntRange(int low, int high, boolean log, int step) implements Param {
        public IntRange {
            if (low > high) throw new IllegalArgumentException("int range is reversed: [" + low + ", " + high + "]");
            if (step < 1) throw new IllegalArgumentException("step must be >= 1, got " + step);
            if (log && low < 1) throw new IllegalArgumentException("a log int range needs low >= 1, got " + low);
            if (log && step != 1) throw new IllegalArgumentException("log and step cannot be combined");
        }
        public String describe() {
            return "int[" + low + ", " + high + "]" + (log ? " log" : "") + (step > 1 ? " step " + step : "");
        }
        public int gridSize(int gridPoints) { return Math.min((high - low) / step + 1, gridPoints); }
        public double min() { return low; }
        public double max() { return high; }
    }

    record Uniform(double low, double high) implements Param {
        public Uniform {
            if (!(low < high)) throw new IllegalArgumentException("uniform range is empty or reversed: [" + low + ", " + high + "]");
        }
        public String describe() { return "uniform[" + low + ", " + high + "]"; }
        public int gridSize(int gridPoints) { return gridPoints; }
        public double min() { return low; }
        public double max() { return high; }
    }

    record LogUniform(double low, double high) implements Param {
        public LogUniform {
            if (!(low > 0)) throw new IllegalArgumentException("loguniform needs low > 0, got " + low);
            if (!(low < high)) throw new IllegalArgumentException("loguniform range is empty or reversed: [" + low + ", " + high + "]");
        }
        public String describe() { return "loguniform[" + low + ", " + high + "]"; }
        public int gridSize(int gridPoints) { return gridPoints; }
        public double min() { return low; }
        public double max() { return high; }
    }

    /**
     * One of a few named options, e.g. an activation function. A trial's params hold the option's index in
     * {@code vocabulary} (the fixed list of every option this key has, in a stable order), because trial params,
     * points and the dashboard's charts are numbers; {@code values} are the options searched over.
     */
    record Named(List<String> vocabulary, List<String> values) implements Param {
        public Named {
            vocabulary = List.copyOf(vocabulary);
            values = List.copyOf(values);
            if (values.isEmpty()) throw new IllegalArgumentException("choice needs at least one value");
            for (String v : values) {
                if (!vocabulary.contains(v)) throw new IllegalArgumentException("expected one of " + vocabulary + ", found " + v);
            }
        }
        public String describe() { return values.size() == 1 ? values.get(0) : "choice" + values; }
        public int gridSize(int gridPoints) { return values.size(); }
        public List<Integer> indices() { return values.stream().map(vocabulary::indexOf).toList(); }
        public double min() { return indices().stream().mapToInt(Integer::intValue).min().orElseThrow(); }
        public double max() { return indices().stream().mapToInt(Integer::intValue).max().orElseThrow(); }
        /** The option a trial's param value (an index into the vocabulary) names. */
        public String name(Number index) { return vocabulary.get(index.intValue()); }
    }

    /** Smallest value this parameter can take; used for range checks against hard limits. */
    double min();

    double max();

    default boolean isFixed() { return this instanceof Fixed || this instanceof Named n && n.values().size() == 1; }
}
