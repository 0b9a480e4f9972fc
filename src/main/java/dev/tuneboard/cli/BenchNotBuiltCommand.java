package dev.tuneboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** `bench` when target/tuneboard-bench.jar is not beside the product jar: says how to build it instead of "Unknown command". */
@Command(name = "bench", description = "Measure training throughput and dashboard latency (needs target/tuneboard-bench.jar, "
        + "built by mvn package).")
final class BenchNotBuiltCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        System.err.println("error: the bench is not built: run mvn package (it builds target/tuneboard-bench.jar beside "
                + "target/tuneboard.jar)");
        return ExitCodes.FAILURE;
    }
}
