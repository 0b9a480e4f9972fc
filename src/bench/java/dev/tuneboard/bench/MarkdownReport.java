package dev.tuneboard.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report as a Markdown table: one row per variant, medians with every round's value beside. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    /** The trial thread's sampled time by phase, largest first (medians over rounds). */
    static String phases(VariantSummary v) {
        List<Map.Entry<String, Double>> shares = v.median().entrySet().stream()
                .filter(e -> e.getKey().startsWith("phase_") && !e.getKey().equals("phase_samples")
                        && !e.getKey().equals("phase_sampled_seconds"))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
        StringBuilder b = new StringBuilder(fmt("%.0f samples/s wall; the trial thread's time: ", v.get("samples_per_s")));
        for (int i = 0; i < shares.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(shares.get(i).getKey().substring("phase_".length()).replace('_', ' '))
                    .append(fmt(" %.1f%%", 100 * shares.get(i).getValue()));
        }
        return b.append(fmt(" (%.0f samples every %d ms = %.1f s of the trial's %.1f s wall)", v.get("phase_samples"),
                TrialPhases.PERIOD.toMillis(), v.get("phase_sampled_seconds"), v.get("seconds"))).toString();
    }

    public static String of(BenchReport r) {
        StringBuilder b = new StringBuilder();
        Map<String, Object> h = r.headline();
        b.append("Bench ").append(r.date()).append(" — ").append(r.machine().get("cpu")).append(", ")
                .append(r.machine().get("cores")).append(" cores, nd4j-native ").append(r.machine().get("nd4j_native"))
                .append("; ").append(r.config().get("rounds")).append(" rounds × ")
                .append(r.config().get("seconds_per_measure")).append(" s, medians; 1-min load average ")
                .append(h.get("load_average_1m")).append("\n\n");
        b.append("| measure | threads × trials | median | rounds |\n| --- | --- | --- | --- |\n");
        for (VariantSummary v : r.variants()) {
            String metric = switch (v.part()) {
                case "sgemm" -> "gflops";
                case "leaderboard" -> "p99_ms";
                default -> "samples_per_s";
            };
            String median = switch (v.part()) {
                case "sgemm" -> fmt("%.1f GFLOP/s (limit %.0f samples/s)", v.get("gflops"), v.get("samples_limit_per_s"));
                case "leaderboard" -> fmt("%.0f stored trials, over HTTP: leaderboard p50 %.1f / p99 %.1f ms; experiment "
                                + "page p50 %.1f / p99 %.1f ms; list p50 %.1f / p99 %.1f ms; deep page p50 %.1f / p99 %.1f ms; "
                                + "trial page p50 %.1f / p99 %.1f ms; claim (store) p50 %.1f / p99 %.1f ms; %.0f clients × %.0f s: "
                                + "p50 %.1f / p99 %.1f ms, %.0f requests, %.0f errors",
                        v.get("stored_trials"), v.get("p50_ms"), v.get("p99_ms"), v.get("experiment_p50_ms"),
                        v.get("experiment_p99_ms"), v.get("list_p50_ms"), v.get("list_p99_ms"), v.get("deep_page_p50_ms"),
                        v.get("deep_page_p99_ms"), v.get("trial_p50_ms"), v.get("trial_p99_ms"), v.get("claim_p50_ms"),
                        v.get("claim_p99_ms"), v.get("load_clients"), v.get("load_seconds"), v.get("load_p50_ms"),
                        v.get("load_p99_ms"), v.get("load_requests"), v.get("load_failures"));
                case "search" -> fmt("%.0f samples/s, %.0f trials/h (%.0f epochs/trial)", v.get("samples_per_s"),
                        v.get("trials_per_hour"), v.get("epochs"));
                case "augmentation" -> v.parallelism() > 1
                        ? fmt("%.0f samples/s, %.0f trials/h (%.0f epochs/trial)", v.get("samples_per_s"), v.get("trials_per_hour"),
                        v.get("epochs"))
                        : fmt("%.0f samples/s wall (fit only %.0f)", v.get("samples_per_s"), v.get("fit_samples_per_s_per_trial"));
                case "trial" -> fmt("%.0f samples/s wall (fit only %.0f)", v.get("samples_per_s"),
                        v.get("fit_samples_per_s_per_trial"));
                case "phases" -> phases(v);
                default -> fmt("%.0f samples/s", v.get("samples_per_s"));
            };
            b.append("| ").append(v.label()).append(" | ").append(v.threads()).append(" × ").append(v.parallelism())
                    .append(" | ").append(median).append(" | ").append(rounds(v.rounds().get(metric))).append(" |\n");
        }
        b.append('\n');
        if (h.containsKey("trial_to_bare_ratio")) {
            b.append(fmt("- roofline: %.3f MFLOP per training sample → %.0f samples/s at %.1f GFLOP/s%n",
                    (double) h.get("train_mflop_per_sample"), (double) h.get("samples_limit_per_s"),
                    (double) h.get("sgemm_gflops_all_threads")));
            b.append(fmt("- one trial / bare DL4J loop (1 thread): %.2f wall-clock, %.2f fit phase only%n",
                    (double) h.get("trial_to_bare_ratio"), (double) h.get("trial_fit_to_bare_ratio")));
            b.append(fmt("- one trial / bare loop with the same fast paths (1 thread): %.2f wall-clock (validation every "
                    + "epoch, test report, model, store)%n", (double) h.get("trial_to_bare_fast_ratio")));
            b.append(fmt("- best search: %.0f samples/s = %.2f × PyTorch's 22k = %.2f × the parallel bare loops with fast paths%n",
                    (double) h.get("search_best_samples_per_s"), (double) h.get("search_best_to_pytorch_22k"),
                    (double) h.get("search_best_to_bare_fast_parallel")));
            if (h.containsKey("search_best_to_pytorch_best_same_run")) {
                b.append(fmt("- best search / PyTorch's best setup in the same rounds (%s, %.0f samples/s): %.2f%n",
                        h.get("pytorch_best_setup"), (double) h.get("pytorch_best_samples_per_s"),
                        (double) h.get("search_best_to_pytorch_best_same_run")));
            }
        }
        for (String key : List.of("augmented_trial_to_plain_trial", "augmented_trial_fit_to_plain_trial_fit",
                "augmented_search_to_plain_search_p2")) {
            if (h.get(key) instanceof Map<?, ?> ratio) {
                b.append(fmt("- %s (with / without augmentation, per round): median %.3f, range %.3f–%.3f, rounds %s%n", key,
                        (double) ratio.get("median"), (double) ratio.get("min"), (double) ratio.get("max"),
                        String.join(", ", ((List<?>) ratio.get("rounds")).stream().map(x -> fmt("%.3f", (double) x)).toList())));
            }
        }
        r.targets().forEach((k, ok) -> b.append("- target ").append(k).append(k.startsWith("search_") && h.containsKey("search_target_reference")
                ? " (of " + h.get("search_target_reference") + ")" : "").append(": ").append(ok ? "met" : "NOT met").append('\n'));
        return b.toString();
    }

    private static String rounds(List<Double> values) {
        if (values == null) return "";
        return String.join(", ", values.stream().map(x -> fmt(x >= 100 ? "%.0f" : "%.1f", x)).toList());
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
