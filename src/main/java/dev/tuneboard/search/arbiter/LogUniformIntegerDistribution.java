package dev.tuneboard.search.arbiter;

import org.apache.commons.math3.distribution.AbstractIntegerDistribution;

/**
 * Integers in [low, high] uniform in log space: 64..1024 gives as many draws in 64..256 as in
 * 256..1024. Arbiter maps a unit value through {@link #inverseCumulativeProbability(double)}.
 */
final class LogUniformIntegerDistribution extends AbstractIntegerDistribution {
    private final int low;
    private final int high;
    private final double logLow;
    private final double logSpan;

    LogUniformIntegerDistribution(int low, int high) {
        super(null);
        this.low = low;
        this.high = high;
        this.logLow = Math.log(low);
        this.logSpan = Math.log(high + 1.0) - logLow;
    }

    @Override
    public int inverseCumulativeProbability(double p) {
        int v = (int) Math.floor(Math.exp(logLow + p * logSpan));
        return Math.max(low, Math.min(high, v));
    }

    @Override
    public double probability(int x) {
        if (x < low || x > high) return 0;
        return (Math.log(x + 1.0) - Math.log(x)) / logSpan;
    }

    @Override
    public double cumulativeProbability(int x) {
        if (x < low) return 0;
        if (x >= high) return 1;
        return (Math.log(x + 1.0) - logLow) / logSpan;
    }

    @Override
    public double getNumericalMean() {
        double sum = 0;
        for (int x = low; x <= high; x++) sum += x * probability(x);
        return sum;
    }

    @Override
    public double getNumericalVariance() {
        double mean = getNumericalMean();
        double sum = 0;
        for (int x = low; x <= high; x++) sum += (x - mean) * (x - mean) * probability(x);
        return sum;
    }

    @Override
    public int getSupportLowerBound() {
        return low;
    }

    @Override
    public int getSupportUpperBound() {
        return high;
    }

    @Override
    public boolean isSupportConnected() {
        return true;
    }
}
