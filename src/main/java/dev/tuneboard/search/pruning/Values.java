package dev.tuneboard.search.pruning;

import java.math.BigDecimal;
import java.math.MathContext;

/** Shared by the pruners: short numbers for reasons. */
final class Values {
    private Values() {
    }

    /** Four significant digits without trailing zeros: 0.91, 0.9534, 1.2e-05 stays readable. */
    static String format(double v) {
        if (!Double.isFinite(v)) return String.valueOf(v);
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
