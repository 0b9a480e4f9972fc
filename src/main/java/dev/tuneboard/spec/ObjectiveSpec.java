package dev.tuneboard.spec;

/** What "best" means. Always measured on the validation split, never on the test set. */
public record ObjectiveSpec(Metric metric, Direction direction) {
    public enum Metric {
        VAL_ACCURACY("val_accuracy"), VAL_LOSS("val_loss");

        private final String key;

        Metric(String key) { this.key = key; }

        public String key() { return key; }
    }

    public enum Direction { MAXIMIZE, MINIMIZE }

    /** True when {@code a} is a better objective value than {@code b}. */
    public boolean better(double a, double b) {
        return direction == Direction.MAXIMIZE ? a > b : a < b;
    }
}
