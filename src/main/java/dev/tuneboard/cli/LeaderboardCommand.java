package dev.tuneboard.cli;

import dev.tuneboard.spec.ExperimentSpec;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.export.ModelExporter;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.LeaderboardQuery;
import dev.tuneboard.store.Store;
import dev.tuneboard.trial.Constraints;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialRow;
import dev.tuneboard.trial.TrialStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "leaderboard", description = "Trials of an experiment, best first by its objective (validation metric).")
final class LeaderboardCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Experiment name.")
    String name;

    @Mixin
    StoreOptions store;

    @Option(names = "--json", description = "Print a JSON array (best first) for machines: the dashboard API's trial rows.")
    boolean json;

    @Option(names = "--csv", description = "Print CSV (best first) for spreadsheets and git: trial, attempt, status, val_accuracy, "
            + "val_loss, test_accuracy, epochs_done, seconds, started_at, finished_at, each param (options by name), stop_reason, error.")
    boolean csv;

    @Option(names = "--limit", defaultValue = "50", description = "How many trials (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--status", split = ",", description = "Only trials in these states: completed, pruned, failed, stopped, running.")
    List<String> statuses = new ArrayList<>();

    @Option(names = "--feasible", description = "Only trials meeting the spec's limits (objective.max_parameters, max_latency_ms).")
    boolean feasible;

    @Override
    public Integer call() throws Exception {
        Set<TrialStatus> wanted;
        try {
            wanted = statuses.stream().map(TrialStatus::of).collect(Collectors.toSet());
        } catch (IllegalArgumentException e) {
            System.err.println("error: --status expects completed, pruned, failed, stopped, running or queued");
            return ExitCodes.BAD_INPUT;
        }
        if (json && csv) {
            System.err.println("error: --json and --csv: choose one");
            return ExitCodes.BAD_INPUT;
        }
        if (limit < 1 || limit > 10_000) {
            System.err.println("error: --limit expects 1..10000");
            return ExitCodes.BAD_INPUT;
        }
        try (Tuneboard app = store.open()) {
            Optional<ExperimentRecord> e = Problems.experiment(app.store(), name);
            if (e.isEmpty()) return ExitCodes.BAD_INPUT;
            Constraints limits = new ModelExporter(app.store(), app.specs()).tradeoffs(e.get()).constraints();
            LeaderboardQuery query = new LeaderboardQuery("objective", e.get().maximize(), wanted, 0, limit);
            List<TrialRecord> trials = app.store().leaderboard(e.get().id(), feasible ? query.feasibleOnly(limits) : query);
            if (json) {
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                System.out.println(mapper.writeValueAsString(trials.stream().map(t -> TrialRow.of(t, limits)).toList()));
            } else if (csv) {
                printCsv(trials, System.out);
            } else {
                printTable(app.store(), name, feasible ? query.feasibleOnly(limits) : query, limits, System.out);
            }
            return ExitCodes.OK;
        }
    }

    static void printTable(Store store, String name, int limit, PrintStream out) {
        ExperimentRecord e = store.find(name).orElseThrow();
        printTable(store, name, new LeaderboardQuery("objective", e.maximize(), Set.of(), 0, limit),
                new ModelExporter(store).tradeoffs(e).constraints(), out);
    }

    /** Rows breaking {@code limits} end with what they break. */
    static void printTable(Store store, String name, LeaderboardQuery query, Constraints limits, PrintStream out) {
        ExperimentRecord e = store.find(name).orElseThrow();
        List<TrialRecord> trials = store.leaderboard(e.id(), query);
        out.printf("%nleaderboard of %s (objective: %s, %s; test accuracy is reported, never used to choose)%n",
                e.name(), e.objective().metric().key(), e.objective().direction().key());
        List<String> paramNames = trials.stream().findFirst().map(t -> List.copyOf(t.params().keySet())).orElse(List.of());
        StringBuilder header = new StringBuilder(String.format("%4s %5s %-9s %8s %8s %6s %8s", "rank", "trial", "status",
                "val_acc", "test_acc", "epochs", "seconds"));
        for (String p : paramNames) header.append(String.format(" %13s", p));
        out.println(header);
        int rank = 1;
        for (TrialRecord t : trials) {
            StringBuilder line = new StringBuilder(String.format("%4d %5d %-9s %8s %8s %6d %8s", rank++, t.number(), t.status().key(),
                    ConsoleProgress.fmt(t.valAccuracy()), ConsoleProgress.fmt(t.testAccuracy()), t.epochsDone(),
                    t.seconds() == null ? "-" : String.format("%.1f", t.seconds())));
            for (String p : paramNames) {
                String option = ExperimentSpec.optionName(p, t.params().get(p));
                line.append(String.format(" %13s", option != null ? option : format(t.params().get(p))));
            }
            if (t.error() != null) line.append("  ").append(t.error().length() > 80 ? t.error().substring(0, 80) + "…" : t.error());
            if (t.status() == TrialStatus.COMPLETED && !limits.feasible(t.cost())) line.append("  infeasible: ").append(limits.violation(t.cost()));
            out.println(line);
        }
        if (trials.isEmpty()) out.println("(no trials yet)");
    }

    /** One row per attempt; params in the first row's order (optional params a row lacks stay empty). */
    static void printCsv(List<TrialRecord> trials, PrintStream out) {
        List<String> paramNames = new ArrayList<>();
        for (TrialRecord t : trials) t.params().keySet().forEach(k -> { if (!paramNames.contains(k)) paramNames.add(k); });
        List<String> header = new ArrayList<>(List.of("trial", "attempt", "status", "val_accuracy", "val_loss", "test_accuracy",
                "epochs_done", "seconds", "started_at", "finished_at"));
        header.addAll(paramNames);
        header.add("stop_reason");
        header.add("error");
        out.println(String.join(",", header));
        for (TrialRecord t : trials) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(t.number()), String.valueOf(t.attempt()), t.status().key(),
                    raw(t.valAccuracy()), raw(t.valLoss()), raw(t.testAccuracy()), String.valueOf(t.epochsDone()), raw(t.seconds()),
                    t.startedAt() == null ? "" : t.startedAt().toString(), t.finishedAt() == null ? "" : t.finishedAt().toString()));
            for (String p : paramNames) {
                Number v = t.params().get(p);
                String option = ExperimentSpec.optionName(p, v);
                row.add(option != null ? option : raw(v));
            }
            row.add(csvField(t.stopReason()));
            row.add(csvField(t.error()));
            out.println(String.join(",", row));
        }
    }

    private static String raw(Number n) {
        return n == null || (n instanceof Double d && d.isNaN()) ? "" : n.toString();
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break, quotes doubled. */
    static String csvField(String s) {
        if (s == null) return "";
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    static String format(Number n) {
        if (n == null) return "-";
        if (n instanceof Double d) return Math.abs(d) < 0.01 && d != 0 ? String.format("%.2e", d) : String.format("%.4g", d);
        return n.toString();
    }
}
