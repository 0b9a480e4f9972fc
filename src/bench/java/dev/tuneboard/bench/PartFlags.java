package dev.tuneboard.bench;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PartOptions} on a command line, both ways: parsed by `bench-part` (a picocli mixin) and written for the
 * child JVM that runs a part, read off these annotations so the two sides cannot drift apart.
 */
final class PartFlags {
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

    /** For picocli. */
    PartFlags() {
    }

    PartFlags(PartOptions o) {
        data = o.dataDir();
        threads = o.threads();
        parallelism = o.parallelism();
        seconds = o.seconds();
        trainLimit = o.trainLimit();
        validation = o.validation();
        testLimit = o.testLimit();
        epochs = o.epochs();
        trials = o.trials();
        matrix = o.matrixSize();
        boardTrials = o.boardTrials();
        loadClients = o.loadClients();
        loadSeconds = o.loadSeconds();
        fillCache = o.fillCache() == null ? null : o.fillCache().toAbsolutePath();
    }

    PartOptions options() {
        return new PartOptions(data, threads, parallelism, seconds, trainLimit, validation, testLimit, epochs, trials, matrix,
                boardTrials, loadClients, loadSeconds, fillCache);
    }

    /** These values as command-line arguments (unset ones left out). */
    List<String> args() {
        List<String> out = new ArrayList<>();
        for (OptionSpec o : CommandSpec.forAnnotatedObject(this).options()) {
            Object v = o.getValue();
            if (v == null) continue;
            out.add(o.longestName());
            out.add(v.toString());
        }
        return out;
    }
}
