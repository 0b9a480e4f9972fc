package dev.tuneboard.cli;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.export.ModelExporter;
import dev.tuneboard.plot.StepPlot;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.ExperimentSummary;
import dev.tuneboard.store.Store;
import dev.tuneboard.trial.AnytimeBand;
import dev.tuneboard.trial.AnytimeCurve;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

@Command(name = "compare", description = {
        "Compare search methods over several runs each (one experiment per search seed): per method the chosen trial's "
                + "test accuracy (median and min–max over runs; chosen on validation, test only reported), as Markdown, and "
                + "with --plot an anytime plot: best-so-far validation objective of completed trials against wall-clock "
                + "minutes since each experiment started, the median run as a line, the spread (worst to best run) shaded.",
        "Experiments are looked up in every store given; with no NAME, every experiment in them."})
final class CompareCommand implements Callable<Integer> {
    /** A run name ending in -s<N> or -seed<N> belongs to the method named by the rest. */
    static final String DEFAULT_GROUPS = "(.+?)(?:-s(?:eed)?\\d+)?";

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Experiments to compare (default: all in the stores).")
    List<String> names = new ArrayList<>();

    @Option(names = "--results", arity = "1..*", paramLabel = "DIR",
            description = "Folders holding an embedded H2 database (results/tuneboard.mv.db), one or more (default: results).")
    List<Path> results = new ArrayList<>();

    @Option(names = "--db", description = "JDBC URL of a shared database, searched after the --results folders.")
    String db;

    @Option(names = "--group-by", paramLabel = "REGEX", defaultValue = DEFAULT_GROUPS,
            description = "Regular expression matching each whole experiment name; its first group names the method "
                    + "(no group: the whole name). Default: the name without a trailing -s<N>/-seed<N>: ${DEFAULT-VALUE}")
    String groupBy;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Also draw the anytime plot into this PNG.")
    Path plot;

    @Option(names = "--width", defaultValue = "960", description = "Plot width in pixels (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "560", description = "Plot height in pixels (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--title", description = "Plot title (default: says what is plotted).")
    String title;

    /** One experiment as the comparison sees it. */
    record Run(String name, String method, AnytimeCurve curve, Optional<TrialRecord> chosen, int completed, int pruned, int attempts) {
    }

    @Override
    public Integer call() throws Exception {
        Pattern groups;
        try {
            groups = Pattern.compile(groupBy);
        } catch (PatternSyntaxException e) {
            System.err.println("error: --group-by: not a regular expression: " + e.getDescription() + " in '" + groupBy + "'");
            return ExitCodes.BAD_INPUT;
        }
        StepPlot plotter = null;
        if (plot != null) {
            try {
                plotter = new StepPlot("", "", "", width, height);
            } catch (IllegalArgumentException e) {
                System.err.println("error: --width/--height: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            Path dir = plot.toAbsolutePath().getParent();
            if (!plot.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png") || !Files.isDirectory(dir)) {
                System.err.println("error: --plot: expected FILE.png in an existing folder, was " + plot);
                return ExitCodes.BAD_INPUT;
            }
        }
        List<Path> dirs = results.isEmpty() && db == null ? List.of(Path.of("results")) : results;
        for (Path d : dirs) {
            // Opening a missing database would create an empty one: bad input writes nothing.
            if (!Files.isRegularFile(d.resolve("tuneboard.mv.db"))) {
                System.err.println("error: --results: no Tuneboard database in " + d + " (expected " + d.resolve("tuneboard.mv.db") + ")");
                return ExitCodes.BAD_INPUT;
            }
        }
        List<Tuneboard> apps = new ArrayList<>();
        try {
            for (Path d : dirs) apps.add(new Tuneboard(d, null));
            if (db != null) apps.add(new Tuneboard(null, db));
            List<String> wanted = names.isEmpty() ? allNames(apps) : names;
            if (wanted.isEmpty()) {
                System.err.println("error: no experiments in " + where(dirs));
                return ExitCodes.BAD_INPUT;
            }
            List<Run> runs = new ArrayList<>();
            Objective objective = null;
            for (String name : wanted) {
                Optional<Run> run = Optional.empty();
                String method = method(groups, name);
                if (method == null) {
                    System.err.println("error: --group-by: '" + groupBy + "' does not match the experiment name '" + name + "'");
                    return ExitCodes.BAD_INPUT;
                }
                for (Tuneboard app : apps) {
                    Optional<ExperimentRecord> e = app.store().find(name);
                    if (e.isPresent()) {
                        run = Optional.of(run(app, e.get(), method));
                        break;
                    }
                }
                if (run.isEmpty()) {
                    System.err.println("error: no experiment named '" + name + "' in " + where(dirs));
                    return ExitCodes.BAD_INPUT;
                }
                Objective o = run.get().curve().objective();
                if (objective != null && !objective.equals(o)) {
                    System.err.println("error: '" + name + "' optimises " + o.metric().key() + " (" + o.direction().key()
                            + "), the others " + objective.metric().key() + " (" + objective.direction().key() + "): not comparable");
                    return ExitCodes.BAD_INPUT;
                }
                objective = o;
                runs.add(run.get());
            }
            Map<String, List<Run>> byMethod = new LinkedHashMap<>();
            for (Run r : runs) byMethod.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r);
            print(byMethod, objective, System.out);
            if (plot != null) {
                draw(byMethod, objective, plotter);
                System.out.println();
                System.out.println("anytime plot: " + plot);
            }
            return ExitCodes.OK;
        } finally {
            for (Tuneboard app : apps) app.close();
        }
    }

    private String where(List<Path> dirs) {
        List<String> places = new ArrayList<>(dirs.stream().map(Path::toString).toList());
        if (db != null) places.add(db);
        return String.join(", ", places);
    }

    private static List<String> allNames(List<Tuneboard> apps) {
        List<String> all = new ArrayList<>();
        for (Tuneboard app : apps) {
            for (ExperimentSummary s : app.store().list()) {
                if (!all.contains(s.experiment().name())) all.add(s.experiment().name());
            }
        }
        all.sort(null);
        return all;
    }

    static String method(Pattern groups, String name) {
        Matcher m = groups.matcher(name);
        if (!m.matches()) return null;
        return m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
    }

    private static Run run(Tuneboard app, ExperimentRecord e, String method) {
        Store store = app.store();
        List<TrialRecord> attempts = store.all(e.id());
        AnytimeCurve curve = new AnytimeCurve(e.name(), e.objective(), e.startedAt(), attempts);
        Optional<TrialRecord> chosen = new ModelExporter(store, app.specs()).chosen(e);
        int completed = (int) attempts.stream().filter(t -> t.status() == TrialStatus.COMPLETED).count();
        int pruned = (int) attempts.stream().filter(t -> t.status() == TrialStatus.PRUNED).count();
        return new Run(e.name(), method, curve, chosen, completed, pruned, attempts.size());
    }

    private static void print(Map<String, List<Run>> byMethod, Objective objective, PrintStream out) {
        out.println("| method | runs | chosen trial's test accuracy: median | min – max | its " + objective.metric().key()
                + ": median | completed / pruned trials per run: median |");
        out.println("|---|---|---|---|---|---|");
        for (Map.Entry<String, List<Run>> m : byMethod.entrySet()) {
            List<Run> runs = m.getValue();
            double[] test = runs.stream().mapToDouble(r -> r.chosen().map(t -> orNaN(t.testAccuracy())).orElse(Double.NaN))
                    .filter(v -> !Double.isNaN(v)).sorted().toArray();
            double[] val = runs.stream().mapToDouble(r -> r.chosen().map(objective::value).orElse(Double.NaN))
                    .filter(v -> !Double.isNaN(v)).sorted().toArray();
            out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %s / %s |%n", m.getKey(), runs.size(),
                    percent(median(test)), test.length == 0 ? "-" : percent(test[0]) + " – " + percent(test[test.length - 1]),
                    value(objective, median(val)),
                    number(median(runs.stream().mapToDouble(Run::completed).sorted().toArray())),
                    number(median(runs.stream().mapToDouble(Run::pruned).sorted().toArray())));
        }
        out.println();
        out.println("| experiment | method | trials (completed / pruned / all attempts) | chosen trial | " + objective.metric().key()
                + " | test accuracy | first completed trial at | chosen trial found at |");
        out.println("|---|---|---|---|---|---|---|---|");
        for (List<Run> runs : byMethod.values()) {
            for (Run r : runs) {
                List<AnytimeCurve.Step> steps = r.curve().steps();
                out.printf(Locale.ROOT, "| %s | %s | %d / %d / %d | %s | %s | %s | %s | %s |%n", r.name(), r.method(),
                        r.completed(), r.pruned(), r.attempts(),
                        r.chosen().map(t -> String.valueOf(t.number())).orElse("none"),
                        r.chosen().map(t -> value(objective, objective.value(t))).orElse("-"),
                        r.chosen().map(t -> percent(orNaN(t.testAccuracy()))).orElse("-"),
                        steps.isEmpty() ? "-" : minutes(steps.get(0).minutes()),
                        steps.isEmpty() ? "-" : minutes(steps.get(steps.size() - 1).minutes()));
            }
        }
    }

    private void draw(Map<String, List<Run>> byMethod, Objective objective, StepPlot sizeOnly) throws Exception {
        List<StepPlot.Series> series = new ArrayList<>();
        for (Map.Entry<String, List<Run>> m : byMethod.entrySet()) {
            AnytimeBand band = new AnytimeBand(m.getKey(), objective, m.getValue().stream().map(Run::curve).toList());
            double[] x = band.times();
            double end = m.getValue().stream().mapToDouble(r -> r.curve().endMinutes()).max().orElse(0);
            int n = m.getValue().size();
            series.add(new StepPlot.Series(n == 1 ? m.getKey() : m.getKey() + " (median of " + n + ", band: worst–best)", x,
                    Arrays.stream(x).map(band::median).toArray(), n == 1 ? null : Arrays.stream(x).map(band::worst).toArray(),
                    n == 1 ? null : Arrays.stream(x).map(band::best).toArray(), Math.max(end, x.length == 0 ? 0 : x[x.length - 1])));
        }
        String metric = objective.metric().key().replace("val_", "validation ").replace('_', ' ');
        new StepPlot(title != null ? title : "Best-so-far " + metric + " of completed trials", "wall-clock minutes since the experiment started",
                "best " + metric + " so far", sizeOnly.width(), sizeOnly.height()).write(series, plot);
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) return Double.NaN;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    private static String value(Objective o, double v) {
        return o.metric() == Objective.Metric.VAL_ACCURACY ? percent(v) : Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "-" : v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String minutes(double m) {
        return String.format(Locale.ROOT, "%.1f min", m);
    }
}
