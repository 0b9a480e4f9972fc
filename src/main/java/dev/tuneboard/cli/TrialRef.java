package dev.tuneboard.cli;

import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.Store;
import dev.tuneboard.trial.TrialRecord;
import picocli.CommandLine.Parameters;

import java.util.Optional;

/** "NAME TRIAL" on the command line: finds both, or says which one is missing. */
final class TrialRef {
    @Parameters(index = "0", description = "Experiment name.")
    String name;

    @Parameters(index = "1", description = "Trial number.")
    int number;

    record Found(ExperimentRecord experiment, TrialRecord trial) {
    }

    /** Empty (with the reason printed) when the experiment or the trial does not exist. */
    Optional<Found> find(Store store) {
        Optional<ExperimentRecord> e = Problems.experiment(store, name);
        if (e.isEmpty()) return Optional.empty();
        Optional<TrialRecord> t = store.byNumber(e.get().id(), number);
        if (t.isEmpty()) {
            System.err.println("error: experiment '" + name + "' has no trial " + number);
            return Optional.empty();
        }
        return Optional.of(new Found(e.get(), t.get()));
    }
}
