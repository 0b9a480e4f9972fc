package dev.tuneboard.cli;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.data.DataException;
import dev.tuneboard.data.Splits;
import dev.tuneboard.run.ExperimentRunner;
import dev.tuneboard.run.RunException;
import dev.tuneboard.run.RunReport;
import dev.tuneboard.run.StopSignal;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.store.ExperimentRecord;


/** Loads data, then runs (or resumes) an experiment with progress bars, stopping cleanly on Ctrl-C. */
final class RunSession {
    private RunSession() {
    }

    static int run(ExperimentSpec spec, StoreOptions storeOptions, boolean quiet) {
        Splits data;
        try {
            data = Tuneboard.dataLoader().load(spec.data().dir(), spec.data().validation(), spec.data().trainLimit(),
                    spec.data().testLimit(), spec.data().splitSeed());
        } catch (DataException e) {
            System.err.println("data.dir: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        try (Tuneboard app = storeOptions.open()) {
            ExperimentRunner runner = app.runner();
            ExperimentRecord experiment;
            try {
                experiment = runner.prepare(spec, data.dataHash());
            } catch (RunException e) {
                System.err.println("error: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            StopSignal stop = new StopSignal();
            RunReport report;
            ConsoleProgress progress = new ConsoleProgress(System.out, quiet);
            try (GracefulStop signals = new GracefulStop(stop, spec.name())) {
                report = runner.run(spec, experiment, data, progress, stop);
            } finally {
                progress.close();
            }
            System.out.printf("%n%s: %s — %d trials run here (%d completed, %d pruned, %d failed, %d stopped) in %s%s%n",
                    report.experiment(), report.status().key(), report.trialsRun(), report.completed(), report.pruned(),
                    report.failed(), report.stopped(), ValidateCommand.human(report.seconds()),
                    report.stopReason() == null ? "" : " (" + report.stopReason() + ")");
            LeaderboardCommand.printTable(app.store(), experiment.name(), 10, System.out);
            return stop.stopped() && report.stopReason() != null && report.stopReason().startsWith("interrupted")
                    ? ExitCodes.INTERRUPTED : ExitCodes.OK;
        }
    }
}
