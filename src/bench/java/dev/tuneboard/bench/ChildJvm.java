package dev.tuneboard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one part in a fresh JVM of this program: ND4J and OpenBLAS read their thread counts from the
 * environment when the native libraries load, so each thread count needs its own process.
 */
final class ChildJvm {
    private final List<String> jvmArgs;
    private final ObjectMapper json = new ObjectMapper();

    private final Path pytorchBench;

    ChildJvm(List<String> jvmArgs, Path pytorchBench) {
        this.jvmArgs = List.copyOf(jvmArgs);
        this.pytorchBench = pytorchBench;
    }

    PartResult run(Variant v, PartOptions o) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx3g");
        command.addAll(jvmArgs);
        // The phases part attributes JFR samples by frames far from the top (TrialTrainer under DL4J's calls).
        if (v.part().equals("phases")) command.add("-XX:FlightRecorderOptions:stackdepth=" + TrialPhases.STACK_DEPTH);
        command.add("-cp");
        if (v.part().equals("pytorch")) {
            // DJL's jars first: they need a newer gson than DL4J brings; Tuneboard's jar loads the data.
            String sep = java.io.File.pathSeparator;
            command.add(pytorchBench.resolve("lib").toAbsolutePath() + "/*" + sep + pytorchBench.resolve("classes").toAbsolutePath()
                    + sep + System.getProperty("java.class.path"));
            command.add("dev.tuneboard.benchpytorch.PyTorchFit");
        } else {
            command.add(System.getProperty("java.class.path"));
            command.add("dev.tuneboard.cli.Main");
            command.addAll(List.of("bench-part", v.part()));
        }
        PartFlags flags = new PartFlags(o);
        // The variant's own counts, as the child was always told them.
        flags.threads = v.threads();
        flags.parallelism = v.parallelism();
        flags.trials = v.trials();
        command.addAll(flags.args());
        Path log = Files.createTempFile("tuneboard-bench-" + v.part(), ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        String n = String.valueOf(v.threads());
        pb.environment().put("OMP_NUM_THREADS", n);
        pb.environment().put("OPENBLAS_NUM_THREADS", n);
        // PyTorch runs with its own default wait policy: PASSIVE made its two-thread loop slower here.
        if (v.part().equals("pytorch")) pb.environment().remove("OMP_WAIT_POLICY");
        else pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        pb.environment().put("TUNEBOARD_CHILD", "1");
        // The part's parent is this JVM, not the launcher whose pid this JVM inherited (cli.ParentWatch):
        // with the inherited pid every part stopped itself at once as if orphaned.
        pb.environment().put("TUNEBOARD_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
        try {
            int rc = pb.start().waitFor();
            List<String> lines = Files.readAllLines(log);
            String last = null;
            for (String line : lines) if (line.startsWith("{\"part\"")) last = line;
            if (rc != 0 || last == null) {
                List<String> tail = lines.subList(Math.max(0, lines.size() - 30), lines.size());
                throw new IOException("bench part " + v.key() + " failed (exit " + rc + "):\n" + String.join("\n", tail));
            }
            return json.readValue(last, PartResult.class);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
