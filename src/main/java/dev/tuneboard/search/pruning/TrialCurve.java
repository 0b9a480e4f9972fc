package dev.tuneboard.search.pruning;

import java.util.Arrays;

/** One trial's learning curve: {@code values[k-1]} is its objective after epoch k; {@code number} -1 when unknown. */
public record TrialCurve(long trialId, boolean finished, double[] values, int number) {
    public TrialCurve {
        values = values.clone();
    }

    /** A curve whose trial number does not matter (rules that treat every trial alike). */
    public TrialCurve(long trialId, boolean finished, double[] values) {
        this(trialId, finished, values, -1);
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** True when the trial has a value for {@code epoch} (1-based). */
    public boolean reached(int epoch) {
        return epoch >= 1 && epoch <= values.length;
    }

    /** The objective after {@code epoch} (1-based); only valid when {@link #reached(int)}. */
    public double valueAt(int epoch) {
        return values[epoch - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrialCurve c && c.trialId == trialId && c.finished == finished && Arrays.equals(c.values, values)
                && c.number == number;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(trialId) * 31 + Boolean.hashCode(finished) * 17 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "TrialCurve[trialId=" + trialId + ", number=" + number + ", finished=" + finished + ", values="
                + Arrays.toString(values) + "]";
    }
}
