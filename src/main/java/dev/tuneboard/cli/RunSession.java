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
import dev.tuneboard.store.ExperimentStatus;


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
            return exitCode(report, stop);
        }
    }

    /**
     * 130 for Ctrl-C; 1 when the experiment ended failed, when it has no completed trial (every trial failed,
     * or the time limit stopped them all), or when this run could do nothing because another live process
     * holds the remaining trials; 0 otherwise.
     */
    static int exitCode(RunReport report, StopSignal stop) {
        if (stop.stopped() && stop.reason() != null && stop.reason().startsWith("interrupted")) return ExitCodes.INTERRUPTED;
        if (report.status() == ExperimentStatus.FAILED) {
            System.err.println("error: experiment " + report.experiment() + " failed: " + report.stopReason());
            return ExitCodes.FAILURE;
        }
        if (report.trialsRun() == 0 && !report.busyElsewhere().isEmpty()) {
            System.err.println("error: nothing for this process to do: the remaining trials of " + report.experiment()
                    + " are being trained by " + String.join(", ", report.busyElsewhere())
                    + " (still alive); watch them with `tuneboard leaderboard " + report.experiment() + "` or the dashboard");
            return ExitCodes.FAILURE;
        }
        if (report.completedInExperiment() == 0 && report.busyElsewhere().isEmpty()) {
            System.err.println("error: no trial of " + report.experiment() + " completed"
                    + (report.stopReason() == null ? "" : " (" + report.stopReason() + ")"));
            return ExitCodes.FAILURE;
        }        return ExitCodes.OK;
    }
}
