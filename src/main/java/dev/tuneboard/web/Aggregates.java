package dev.tuneboard.web;

import dev.tuneboard.trial.TrialPoint;
import dev.tuneboard.trial.TrialStatus;
import dev.tuneboard.web.dto.ExperimentDetail.HistoryPoint;
import dev.tuneboard.web.dto.ExperimentDetail.Importance;
import dev.tuneboard.web.dto.ExperimentDetail.Parallel;
import dev.tuneboard.trial.Numbers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The experiment page's chart data, computed in one pass over {@link TrialPoint}s (one SQL query):
 * linear in the trial count plus one sort per parameter, so 10,000+ trials stay well under a second.
 */
final class Aggregates {
    static final String IMPORTANCE_METHOD = "|Spearman ρ| with the objective for numeric parameters, correlation ratio "
            + "η of the objective's ranks for categorical ones; layer N's units only over trials with ≥ N layers "
            + "(0 = no link, 1 = the parameter alone orders the results; the grey tick is chance: 1 in 20 parameters with "
            + "no link score above it over that many trials)";

    private Aggregates() {
    }

    /** By trial number (the order the sampler proposed them), like Optuna's optimisation history. */
    static List<HistoryPoint> history(List<TrialPoint> points, boolean maximize) {
        List<HistoryPoint> out = new ArrayList<>();
        Double best = null;
        List<TrialPoint> byNumber = new ArrayList<>(points);
        byNumber.sort(Comparator.comparingInt(TrialPoint::number));
        for (TrialPoint p : byNumber) {
            Double v = p.status() == TrialStatus.FAILED ? null : Numbers.finite(p.objective());
            if (v != null && (best == null || (maximize ? v > best : v < best))) best = v;
            out.add(new HistoryPoint(p.number(), p.id(), p.status().key(), v, best));
        }
        return out;
    }

    static List<String> paramNames(List<TrialPoint> points) {
        Set<String> names = new LinkedHashSet<>();
        for (TrialPoint p : points) names.addAll(p.params().keySet());
        return new ArrayList<>(names);
    }

    /**
     * One row per completed trial; a layer's units are null in trials that did not build that layer ({@code kinds}),
     * so the chart skips that axis for them instead of drawing the sampler's unused draw.
     */
    static Parallel parallel(List<TrialPoint> points, ParamKinds kinds) {
        List<TrialPoint> done = completed(points);
        List<String> names = paramNames(done);
        List<String> dims = new ArrayList<>(names);
        dims.add("objective");
        List<Integer> numbers = new ArrayList<>();
        List<List<Double>> rows = new ArrayList<>();
        for (TrialPoint p : done) {
            List<Double> row = new ArrayList<>();
            for (String n : names) {
                Number v = kinds.built(n, p.params()) ? p.params().get(n) : null;
                row.add(v == null ? null : Numbers.finite(v.doubleValue()));
            }
            row.add(p.objective());
            numbers.add(p.number());
            rows.add(row);
        }
        return new Parallel(dims, numbers, rows);
    }

    /**
     * Per parameter, over the completed trials that used it ({@code kinds}: per-layer units only where the trial
     * built that layer): |Spearman rho| for numbers, the correlation ratio eta for unordered categories.
     */
    static Importance importance(List<TrialPoint> points, ParamKinds kinds) {
        List<TrialPoint> done = completed(points);
        List<Importance.Entry> entries = new ArrayList<>();
        for (String name : paramNames(done)) {
            List<TrialPoint> used = done.stream().filter(p -> kinds.built(name, p.params())).toList();
            double[] values = new double[used.size()];
            double[] objective = new double[used.size()];
            boolean complete = true;
            for (int i = 0; i < used.size(); i++) {
                Number v = used.get(i).params().get(name);
                if (v == null) {
                    complete = false;
                    break;
                }
                values[i] = v.doubleValue();
                objective[i] = used.get(i).objective();
            }
            boolean categorical = kinds.categorical().contains(name);
            Double score = !complete ? null : categorical ? eta(values, objective) : abs(spearman(values, objective));
            Double chance = !complete ? null : categorical ? etaChance(values) : spearmanChance(values.length);
            entries.add(new Importance.Entry(name, score, used.size(), categorical ? "eta" : "spearman", chance));
        }
        entries.sort(Comparator.comparing((Importance.Entry e) -> e.score() == null ? -1 : e.score()).reversed());
        return new Importance(IMPORTANCE_METHOD, done.size(), entries);
    }

    /** 95th percentile of |rho| with no link: rho is about normal with variance 1 / (n - 1) (large-n, no ties). */
    static Double spearmanChance(int n) {
        return n < 3 ? null : Math.min(1, 1.959964 / Math.sqrt(n - 1));
    }

    /**
     * 95th percentile of eta with no link: with k groups over n ranks, eta^2 is about Beta((k - 1) / 2, (n - k) / 2)
     * (the one-way ANOVA null), so few trials over many options score high by chance alone.
     */
    static Double etaChance(double[] category) {
        int n = category.length;
        int k = (int) java.util.Arrays.stream(category).distinct().count();
        if (n < 3 || k < 2 || n <= k) return null;
        double q = new org.apache.commons.math3.distribution.BetaDistribution((k - 1) / 2.0, (n - k) / 2.0)
                .inverseCumulativeProbability(0.95);
        return Math.sqrt(q);
    }

    private static Double abs(Double v) {
        return v == null ? null : Math.abs(v);
    }

    /**
     * Correlation ratio of the objective's ranks grouped by category: sqrt(between-group / total variance). The
     * categories' order (an index into an arbitrary vocabulary) does not enter it; null when undefined.
     */
    static Double eta(double[] category, double[] y) {
        if (category.length < 3) return null;
        double[] r = ranks(y);
        double mean = (r.length + 1) / 2.0;
        Map<Double, double[]> groups = new HashMap<>();   // category -> {count, sum of ranks}
        double total = 0;
        for (int i = 0; i < r.length; i++) {
            double[] g = groups.computeIfAbsent(category[i], k -> new double[2]);
            g[0]++;
            g[1] += r[i];
            total += (r[i] - mean) * (r[i] - mean);
        }
        // One option only (a fixed choice), or all objectives tied: nothing to explain.
        if (groups.size() < 2 || total == 0) return null;
        double between = 0;
        for (double[] g : groups.values()) between += g[0] * (g[1] / g[0] - mean) * (g[1] / g[0] - mean);
        return Math.sqrt(Math.min(1, between / total));
    }

    private static List<TrialPoint> completed(List<TrialPoint> points) {
        return points.stream().filter(p -> p.status() == TrialStatus.COMPLETED && Numbers.finite(p.objective()) != null).toList();
    }

    /** Spearman's rho = Pearson correlation of the ranks (ties get their average rank); null when undefined. */
    static Double spearman(double[] x, double[] y) {
        if (x.length < 3) return null;
        double r = pearson(ranks(x), ranks(y));
        return Double.isNaN(r) ? null : r;
    }

    static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] ranks = new double[v.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && v[order[j + 1]] == v[order[i]]) j++;
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) ranks[order[k]] = avg;
            i = j + 1;
        }
        return ranks;
    }

    private static double pearson(double[] a, double[] b) {
        int n = a.length;
        double ma = 0, mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double cov = 0, va = 0, vb = 0;
        for (int i = 0; i < n; i++) {
            cov += (a[i] - ma) * (b[i] - mb);
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }
        // A fixed parameter (or constant objective) has no variance: correlation is undefined.
        return va == 0 || vb == 0 ? Double.NaN : cov / Math.sqrt(va * vb);
    }
}
