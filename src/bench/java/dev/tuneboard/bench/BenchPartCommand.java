package dev.tuneboard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneboard.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** One measurement of `bench`, in the JVM `bench` started with the right thread environment; prints one JSON line. */
@Command(name = "bench-part", hidden = true)
final class BenchPartCommand implements Callable<Integer> {
    @Parameters(index = "0") String part;
    @Option(names = "--threads", defaultValue = "1") int threads;
    @Option(names = "--parallelism", defaultValue = "1") int parallelism;
    @Option(names = "--trials", defaultValue = "1") int trials;
    @Option(names = "--seconds", defaultValue = "10") double seconds;
    @Option(names = "--data", defaultValue = "data/mnist") Path data;
    @Option(names = "--train-limit", defaultValue = "0") int trainLimit;
    @Option(names = "--validation", defaultValue = "10000") int validation;
    @Option(names = "--test-limit", defaultValue = "0") int testLimit;
    @Option(names = "--epochs", defaultValue = "1") int epochs;
    @Option(names = "--matrix", defaultValue = "2048") int matrix;
    @Option(names = "--board-trials", defaultValue = "1000") int boardTrials;
    @Option(names = "--load-clients", defaultValue = "32") int loadClients;
    @Option(names = "--load-seconds", defaultValue = "60") double loadSeconds;
    @Option(names = "--fill-cache") Path fillCache;

    @Override
    public Integer call() throws Exception {
        PartResult r = Parts.named(part).run(new PartOptions(data, threads, parallelism, seconds, trainLimit, validation,
                testLimit, epochs, trials, matrix, boardTrials, loadClients, loadSeconds,
                fillCache));
        System.out.println(new ObjectMapper().writeValueAsString(r));
        return ExitCodes.OK;
    }
}
