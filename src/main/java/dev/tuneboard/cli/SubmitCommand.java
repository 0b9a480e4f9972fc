package dev.tuneboard.cli;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.data.DataException;
import dev.tuneboard.data.DigitFolder;
import dev.tuneboard.data.IdxReader;
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
        ExperimentSpec s;
        String dataHash;
        try {
            s = Tuneboard.specLoader().load(spec);
            DigitFolder folder = DigitFolder.locate(s.data().dir());
            folder.checkHeaders(new IdxReader());
            folder.verifyChecksums();
            dataHash = folder.dataHash();
        } catch (SpecException e) {
            Problems.print(e);
            return ExitCodes.BAD_INPUT;
        } catch (DataException e) {
            System.err.println(spec + ": data.dir: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        try (Tuneboard app = store.open()) {
            ExperimentRecord e = app.runner().prepare(s, dataHash);
            System.out.printf("%s: %s with %d trials in %s; start workers with: tuneboard worker --db %s%n", e.name(),
                    e.status().key(), e.trialBudget(), app.dbUrl(), app.dbUrl());
            return ExitCodes.OK;
        } catch (RunException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }
}
