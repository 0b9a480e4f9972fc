package dev.tuneboard.trial;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Several runs of one method (one per search seed) as one line: at each minute the median of their best-so-far
 * values and the spread (worst and best run). A run without a completed trial yet counts as the worst, so the
 * median appears only once more than half of the runs have one.
 */
public record AnytimeBand(String label, Objective objective, List<AnytimeCurve> runs) {
    public AnytimeBand {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(objective, "objective");
        runs = List.copyOf(runs);
        if (runs.isEmpty()) throw new IllegalArgumentException("a band needs at least one run");
        for (AnytimeCurve c : runs) {
            if (!c.objective().equals(objective)) {
                throw new IllegalArgumentException(c.experiment() + " optimises " + c.objective().metric().key()
                        + ", not " + objective.metric().key());
            }
        }
    }

    /** Every minute where some run's best changes, in order: where the band's lines may bend. */
    public double[] times() {
        TreeSet<Double> t = new TreeSet<>();
        for (AnytimeCurve c : runs) c.steps().forEach(s -> t.add(s.minutes()));
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public double median(double minutes) {
        double[] v = sorted(minutes);
        int n = v.length;
        double m = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return m;
    }

    /** The worst run that has a value by then; NaN when none has. */
    public double worst(double minutes) {
        double[] v = Arrays.stream(sorted(minutes)).filter(x -> !Double.isNaN(x)).toArray();
        return v.length == 0 ? Double.NaN : v[v.length - 1];
    }

    /** The best run's value by then; NaN when none has one. */
    public double best(double minutes) {
        double[] v = sorted(minutes);
        return v[0];
    }

    /** Best first, NaN (no completed trial yet) last. */
    private double[] sorted(double minutes) {
        return runs.stream().map(c -> c.at(minutes))
                .sorted((a, b) -> objective.better(a, b) ? -1 : objective.better(b, a) ? 1 : 0)
                .mapToDouble(Double::doubleValue).toArray();
    }
}
