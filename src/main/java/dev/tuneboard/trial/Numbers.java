package dev.tuneboard.trial;

import java.time.Instant;

/** JSON has no NaN or infinity (a diverged trial has both): such values go out as null. */
public final class Numbers {
    private Numbers() {
    }

    public static Double finite(Double v) {
        return v == null || v.isNaN() || v.isInfinite() ? null : v;
    }

    public static Double finite(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    public static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
