package dev.tuneboard.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A variant over all rounds: every round's numbers and their medians. */
public record VariantSummary(String label, String part, int threads, int parallelism, Map<String, Double> median,
                             Map<String, List<Double>> rounds) {

    static VariantSummary of(Variant v, List<PartResult> results) {
        Map<String, List<Double>> rounds = new LinkedHashMap<>();
        for (PartResult r : results) {
            r.metrics().keySet().stream().sorted().forEach(k -> rounds.computeIfAbsent(k, x -> new ArrayList<>()).add(r.metrics().get(k)));
        }
        Map<String, Double> median = new LinkedHashMap<>();
        rounds.forEach((k, values) -> median.put(k, median(values)));
        return new VariantSummary(v.label(), v.part(), v.threads(), v.parallelism(), median, rounds);
    }

    double get(String metric) {
        Double v = median.get(metric);
        return v == null ? Double.NaN : v;
    }

    static double median(List<Double> values) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (s.length == 0) return Double.NaN;
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
