package dev.tuneboard.cli;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.data.DataException;
import dev.tuneboard.run.RunException;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.SpecException;
import dev.tuneboard.store.ExperimentRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "submit", description = "Queue an experiment in a shared store for `worker` processes to run.")
final class SubmitCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The experiment spec (YAML).")
    Path spec;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        try (Tuneboard app = store.open()) {
            ExperimentSpec s;
            try {
                s = app.specs().load(spec);
                app.datasets().check(s);   // before the store is opened: bad data writes nothing
            } catch (SpecException e) {
                Problems.print(e);
                return ExitCodes.BAD_INPUT;
            }
            ExperimentRecord e = app.experiments().submit(s);
            System.out.printf("%s: %s with %d trials in %s; start workers with: tuneboard worker --db %s%n", e.name(),
                    e.status().key(), e.trialBudget(), app.dbUrl(), app.dbUrl());
            return ExitCodes.OK;
        } catch (DataException | RunException e) {
            return Problems.badInput(e, spec.toString());
        }
    }
}
