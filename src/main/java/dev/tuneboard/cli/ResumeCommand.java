package dev.tuneboard.cli;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.SpecException;
import dev.tuneboard.store.ExperimentRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Optional;
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
        Optional<ExperimentRecord> found;
        try (Tuneboard app = store.open()) {
            found = app.store().find(name);
        }
        if (found.isEmpty()) {
            System.err.println("error: no experiment named '" + name + "' in " + (store.db != null ? store.db : store.results));
            return ExitCodes.BAD_INPUT;
        }
        ExperimentSpec spec;
        try {
            spec = Tuneboard.specLoader().parse(found.get().specText(), "stored spec of " + name);
        } catch (SpecException e) {
            Problems.print(e);
            return ExitCodes.BAD_INPUT;
        }
        return RunSession.run(spec, store, quiet);
    }
}
