package dev.tuneboard.search.pruning;

import java.math.BigDecimal;
import java.math.MathContext;

/** Shared by the pruners: ordering by direction and short numbers for reasons. */
final class Values {
    private Values() {
    }

    /** True when {@code a} is strictly worse than {@code b}; NaN (a diverged run) is worse than any number. */
    static boolean worse(double a, double b, boolean maximize) {
        if (Double.isNaN(a)) return !Double.isNaN(b);
        if (Double.isNaN(b)) return false;
        return maximize ? a < b : a > b;
    }

    /** Four significant digits without trailing zeros: 0.91, 0.9534, 1.2e-05 stays readable. */
    static String format(double v) {
        if (!Double.isFinite(v)) return String.valueOf(v);
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
