package dev.tuneboard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tuneboard.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "bench", description = "Measure training throughput, platform overhead and leaderboard latency on "
        + "this machine; writes DIR/<date>.json and DIR/<date>.md.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--rounds", description = "Rounds over all variants; medians are reported (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int rounds;

    @Option(names = "--seconds-per-measure", description = "Length of each measurement (default: ${DEFAULT-VALUE}).",
            defaultValue = "15")
    double seconds;

    @Option(names = "--quick", description = "Smoke run: a small slice of the data, one short round.")
    boolean quick;

    @Option(names = "--data", defaultValue = "data/mnist", description = "IDX folder (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--out", defaultValue = "results/bench", description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--cores", description = "Parallelism up to this many trials (default: the cores).")
    Integer cores;

    @Option(names = "--board-trials", defaultValue = "1000", description = "Stored trials the dashboard is queried over "
            + "(default: ${DEFAULT-VALUE}).")
    int boardTrials;

    @Option(names = "--load-clients", defaultValue = "32", description = "Concurrent HTTP clients of the dashboard load test "
            + "(default: ${DEFAULT-VALUE}).")
    int loadClients;

    @Option(names = "--load-seconds", defaultValue = "60", description = "Length of the dashboard load test (default: ${DEFAULT-VALUE}).")
    double loadSeconds;

    @Option(names = "--only", split = ",", paramLabel = "PART", description = "Run only these parts: sgemm, bare, bare-fast, augmentation (a trial and a 2-trial search with and without training-image augmentation), "
            + "trial, search, leaderboard (the dashboard at --board-trials).")
    List<String> only = new ArrayList<>();

    @Option(names = "--fill-cache", paramLabel = "DIR", description = "Keep the dashboard part's filled database in DIR and "
            + "reuse it in later runs (filling 10,000 trials takes minutes).")
    Path fillCache;

    @Option(names = "--pytorch", paramLabel = "DIR", description = "The built bench-pytorch/target folder: also measure "
            + "PyTorch's bare loop (through DJL) in the same rounds.")
    Path pytorch;

    @Option(names = "--child-jvm-arg", description = "Extra JVM argument for every measuring JVM (repeatable), e.g. a JFR recording.")
    List<String> childJvmArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        int c = cores != null ? cores : Runtime.getRuntime().availableProcessors();
        if (pytorch != null && !Files.isDirectory(pytorch.resolve("lib"))) {
            System.err.println("error: --pytorch " + pytorch + ": no lib/ folder there; build it with "
                    + "mvn -q -B -f bench-pytorch/pom.xml package");
            return ExitCodes.BAD_INPUT;
        }
        for (String part : only) {
            if (!Parts.NAMES.contains(part)) {
                System.err.println("error: --only " + part + ": no such part; expected one of " + Parts.NAMES);
                return ExitCodes.BAD_INPUT;
            }
        }
        if (loadClients < 1 || loadSeconds <= 0 || boardTrials < 1) {
            System.err.println("error: --load-clients, --load-seconds and --board-trials must be positive");
            return ExitCodes.BAD_INPUT;
        }
        BenchConfig config = quick
                ? new BenchConfig(data, out, 1, Math.min(seconds, 1.0), true, Math.min(c, 2), Math.min(boardTrials, 30), childJvmArgs,
                pytorch, only, Math.min(loadClients, 4), Math.min(loadSeconds, 1.0), fillCache)
                : new BenchConfig(data, out, rounds, seconds, false, c, boardTrials, childJvmArgs, pytorch, only, loadClients, loadSeconds,
                fillCache);
        BenchReport report = new BenchRunner(config, System.out).run();
        Files.createDirectories(out);
        Path json = out.resolve(report.date() + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        String md = MarkdownReport.of(report);
        Files.writeString(out.resolve(report.date() + ".md"), md);
        System.out.println();
        System.out.print(md);
        System.out.println("wrote " + json + " and " + out.resolve(report.date() + ".md"));
        return ExitCodes.OK;
    }
}
