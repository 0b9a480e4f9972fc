package dev.tuneboard.bench;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every variant once per round in a child JVM, reversing the order every other round so slow
 * drift (other processes, thermal) spreads evenly, and reports medians: repeated runs here vary up to 2×.
 */
public final class BenchRunner {
    /** PyTorch on this 2-core machine, two threads (issue 6): the throughput the search is held to. */
    public static final double PYTORCH_SAMPLES_PER_S = 22_000;

    private final BenchConfig config;
    private final ChildJvm child;
    private final PrintStream log;

    public BenchRunner(BenchConfig config, PrintStream log) {
        this.config = config;
        this.child = new ChildJvm(config.childJvmArgs(), config.pytorchBench());
        this.log = log;
    }

    public List<Variant> variants() {
        int c = config.cores();
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("sgemm, 1 thread", "sgemm", 1, 1, 1));
        if (c > 1) v.add(new Variant("sgemm, " + c + " threads", "sgemm", c, 1, 1));
        v.add(new Variant("bare DL4J fit, 1 thread", "bare", 1, 1, 1));
        if (c > 1) v.add(new Variant("bare DL4J fit, " + c + " threads", "bare", c, 1, 1));
        for (int p = 1; p <= c; p++) {
            v.add(new Variant("bare fit + Tuneboard's fast paths, " + p + " × 1 thread", "bare-fast", 1, p, 1));
        }
        if (config.pytorchBench() != null) {
            v.add(new Variant("PyTorch (DJL) bare fit, 1 thread", "pytorch", 1, 1, 1));
            if (c > 1) v.add(new Variant("PyTorch (DJL) bare fit, " + c + " threads", "pytorch", c, 1, 1));
            // As an Optuna n_jobs user runs it: one-thread loops at once (bench-pytorch starts one JVM per loop).
            if (c > 1) v.add(new Variant("PyTorch (DJL) bare fit, " + c + " × 1 thread", "pytorch", 1, c, 1));
        }
        v.add(new Variant("one Tuneboard trial, 1 thread", "trial", 1, 1, 1));
        // The same trial again, sampled: its shares, not its speed (JFR costs a little).
        v.add(new Variant("one trial, 1 thread, sampled by JFR: where its time goes", "phases", 1, 1, 1));
        for (int p = 1; p <= c; p++) v.add(new Variant("search, parallelism " + p + " × 1 thread", "search", 1, p, 2 * p));
        // Compared with the augmented search below, trial for trial (--only augmentation).
        if (c > 1 && config.only().contains("augmentation")) {
            v.add(new Variant("search, parallelism " + c + " × 1 thread, one trial each", "search", 1, c, c));
        }
        if (c > 1) v.add(new Variant("search, parallelism 1 × " + c + " threads", "search", c, 1, 2));
        // With and without augmentation in the same rounds: the ratio is what counts (issue 10, >= 0.85).
        v.add(new Variant("one trial with augmentation, 1 thread", "augmentation", 1, 1, 1));
        // One trial per worker: a 2-trial search at one epoch each already takes minutes on a loaded machine.
        if (c > 1) v.add(new Variant("search with augmentation, parallelism " + c + " × 1 thread", "augmentation", 1, c, c));
        v.add(new Variant("dashboard over HTTP while " + c + " trials train", "leaderboard", 1, c, 1000));
        if (config.only().isEmpty()) return v;
        // Augmentation is measured against the same trial and search without it.
        boolean augmentation = config.only().contains("augmentation");
        return v.stream().filter(x -> config.only().contains(x.part()) || augmentation && (x.part().equals("trial")
                || x.part().equals("search") && x.threads() == 1 && x.parallelism() == c && x.trials() == c)).toList();
    }

    public BenchReport run() throws Exception {
        List<Variant> variants = variants();
        Map<Variant, List<PartResult>> results = new LinkedHashMap<>();
        variants.forEach(v -> results.put(v, new ArrayList<>()));
        List<Double> load = new ArrayList<>();
        load.add(Machine.loadAverage());
        double bareRate = Double.NaN;
        for (int round = 1; round <= config.rounds(); round++) {
            List<Variant> order = new ArrayList<>(variants);
            if (round % 2 == 0) java.util.Collections.reverse(order);
            // The bare loop goes first so the trial lengths below follow this machine's speed.
            if (Double.isNaN(bareRate)) order.sort((a, b) -> Boolean.compare(!isBare1(a), !isBare1(b)));
            for (Variant v : order) {
                PartResult r = child.run(v, options(v, bareRate));
                results.get(v).add(r);
                if (isBare1(v)) bareRate = VariantSummary.median(results.get(v).stream().map(x -> x.metric("samples_per_s")).toList());
                log.printf("round %d/%d  %-48s %s  (load %.2f)%n", round, config.rounds(), v.label(), brief(r), Machine.loadAverage());
            }
            load.add(Machine.loadAverage());
        }
        List<VariantSummary> summaries = variants.stream().map(v -> VariantSummary.of(v, results.get(v))).toList();
        return Headline.report(config, LocalDate.now().toString(), summaries, load);
    }

    private static boolean isBare1(Variant v) {
        return v.part().equals("bare") && v.threads() == 1;
    }

    /** Epochs so one trial lasts about {@code secondsPerMeasure} at the bare loop's speed (search: half each). */
    private PartOptions options(Variant v, double bareRate) {
        int train = config.quick() ? config.trainLimit() - config.validation() : 60_000 - config.validation();
        int epochs = 1;
        if (!Double.isNaN(bareRate)) {
            double perTrial = v.parallelism() > 1 ? config.secondsPerMeasure() / 2 : config.secondsPerMeasure();
            epochs = (int) Math.max(1, Math.round(perTrial * bareRate / train));
        }
        int trials = v.part().equals("leaderboard") ? 1000 : v.trials();
        int boardTrials = v.part().equals("leaderboard") ? config.boardTrials() : 0;
        return new PartOptions(config.dataDir(), v.threads(), v.parallelism(), config.secondsPerMeasure(),
                config.trainLimit(), config.validation(), config.testLimit(), epochs, trials, config.matrixSize(), boardTrials,
                config.loadClients(), config.loadSeconds(), config.fillCache());
    }

    private static String brief(PartResult r) {
        StringBuilder b = new StringBuilder();
        for (String k : List.of("gflops", "samples_per_s", "trials_per_hour", "p50_ms", "p99_ms")) {
            Double x = r.metrics().get(k);
            if (x != null) b.append(String.format("%s=%.1f ", k, x));
        }
        return b.toString().trim();
    }
}
