package dev.tuneboard.cli;

import dev.tuneboard.app.Tuneboard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "resume", description = "Continue a stored experiment from its stored spec: finished trials are kept, "
        + "interrupted ones run again.")
final class ResumeCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Experiment name.")
    String name;

    @Mixin
    StoreOptions store;

    @Option(names = "--quiet", description = "One line per finished trial instead of live progress bars.")
    boolean quiet;

    @Override
    public Integer call() {
        try (Tuneboard app = store.open()) {
            return RunSession.resume(app, name, quiet);
        }
    }
}
