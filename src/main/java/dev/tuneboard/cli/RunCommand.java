package dev.tuneboard.cli;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "run", description = "Run an experiment spec; an interrupted experiment of the same spec resumes.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The experiment spec (YAML).")
    Path spec;

    @Mixin
    StoreOptions store;

    @Option(names = "--quiet", description = "One line per finished trial instead of live progress bars.")
    boolean quiet;

    @Override
    public Integer call() {
        try (Tuneboard app = store.open()) {
            ExperimentSpec s;
            try {
                s = app.specs().load(spec);
            } catch (SpecException e) {
                Problems.print(e);
                return ExitCodes.BAD_INPUT;
            }
            return RunSession.run(app, s, spec.toString(), quiet);
        }
    }
}
