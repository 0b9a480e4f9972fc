package dev.tuneboard.cli;

import dev.tuneboard.spec.ExperimentSpec;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.LeaderboardQuery;
import dev.tuneboard.store.Store;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import dev.tuneboard.web.dto.Numbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Option(names = "--json", description = "Print a JSON array (best first) for machines.")
    boolean json;

    @Option(names = "--limit", defaultValue = "50", description = "How many trials (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--status", split = ",", description = "Only trials in these states: completed, pruned, failed, stopped, running.")
    List<String> statuses = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Set<TrialStatus> wanted;
        try {
            wanted = statuses.stream().map(TrialStatus::of).collect(Collectors.toSet());
        } catch (IllegalArgumentException e) {
            System.err.println("error: --status expects completed, pruned, failed, stopped, running or queued");
            return ExitCodes.BAD_INPUT;
        }
        if (limit < 1 || limit > 10_000) {
            System.err.println("error: --limit expects 1..10000");
            return ExitCodes.BAD_INPUT;
        }
        try (Tuneboard app = store.open()) {
            Optional<ExperimentRecord> e = app.store().find(name);
            if (e.isEmpty()) {
                System.err.println("error: no experiment named '" + name + "'");
                return ExitCodes.BAD_INPUT;
            }
            List<TrialRecord> trials = app.store().leaderboard(e.get().id(),
                    new LeaderboardQuery("objective", e.get().maximize(), wanted, 0, limit));
            if (json) {
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                System.out.println(mapper.writeValueAsString(trials.stream().map(LeaderboardCommand::row).toList()));
            } else {
                printTable(app.store(), name, limit, System.out);
            }
            return ExitCodes.OK;
        }
    }

    static Map<String, Object> row(TrialRecord t) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("trial", t.number());
        row.put("attempt", t.attempt());
        row.put("status", t.status().key());
        row.put("params", t.params());
        row.put("seed", t.seed());
        row.put("objective", Numbers.finite(t.objective()));
        row.put("val_accuracy", Numbers.finite(t.valAccuracy()));
        row.put("val_loss", Numbers.finite(t.valLoss()));
        row.put("test_accuracy", Numbers.finite(t.testAccuracy()));
        row.put("epochs", t.epochsDone());
        row.put("seconds", Numbers.finite(t.seconds()));
        row.put("samples_per_second", Numbers.finite(t.samplesPerSecond()));
        row.put("error", t.error());
        row.put("stop_reason", t.stopReason());
        return row;
    }

    static void printTable(Store store, String name, int limit, PrintStream out) {
        ExperimentRecord e = store.find(name).orElseThrow();
        List<TrialRecord> trials = store.leaderboard(e.id(), new LeaderboardQuery("objective", e.maximize(), Set.of(), 0, limit));
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
            out.println(line);
        }
        if (trials.isEmpty()) out.println("(no trials yet)");
    }

    static String format(Number n) {
        if (n == null) return "-";
        if (n instanceof Double d) return Math.abs(d) < 0.01 && d != 0 ? String.format("%.2e", d) : String.format("%.4g", d);
        return n.toString();
    }
}
