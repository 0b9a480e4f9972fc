package dev.tuneboard.cli;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.data.DataException;
import dev.tuneboard.run.Experiments;
import dev.tuneboard.run.RunException;
import dev.tuneboard.run.RunReport;
import dev.tuneboard.run.StopSignal;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.SpecException;
import dev.tuneboard.store.ExperimentStatus;

import java.util.Optional;


/** Runs (or resumes) an experiment with progress bars, stopping cleanly on Ctrl-C; bad data writes nothing. */
final class RunSession {
    private RunSession() {
    }

    /** `run SPEC`: a new experiment, or the stored one of the same spec and data. */
    static int run(Tuneboard app, ExperimentSpec spec, String specFile, boolean quiet) {
        try {
            app.datasets().splits(spec);   // before the store is opened: bad data writes nothing
            return run(app, app.experiments().prepare(spec), quiet);
        } catch (DataException | RunException e) {
            return Problems.badInput(e, specFile);
        }
    }

    /** `resume NAME`: a stored experiment from its stored spec. */
    static int resume(Tuneboard app, String name, boolean quiet) {
        try {
            Optional<Experiments.Opened> opened = app.experiments().open(name);
            if (opened.isEmpty()) {
                System.err.println("error: no experiment named '" + name + "' in " + app.dbUrl());
                return ExitCodes.BAD_INPUT;
            }
            return run(app, app.experiments().resume(opened.get()), quiet);
        } catch (SpecException | DataException | RunException e) {
            return Problems.badInput(e, "stored spec of " + name);
        }
    }

    private static int run(Tuneboard app, Experiments.Prepared prepared, boolean quiet) {
        StopSignal stop = new StopSignal();
        RunReport report;
        ConsoleProgress progress = new ConsoleProgress(System.out, quiet);
        try (GracefulStop signals = new GracefulStop(stop, prepared.spec().name())) {
            report = app.experiments().run(prepared, progress, stop);
        } finally {
            progress.close();
        }
        System.out.printf("%n%s: %s — %d trials run here (%d completed, %d pruned, %d failed, %d stopped) in %s%s%n",
                report.experiment(), report.status().key(), report.trialsRun(), report.completed(), report.pruned(),
                report.failed(), report.stopped(), ValidateCommand.human(report.seconds()),
                report.stopReason() == null ? "" : " (" + report.stopReason() + ")");
        LeaderboardCommand.printTable(app.store(), prepared.record().name(), 10, System.out);
        return exitCode(report, stop);
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
        }
        return ExitCodes.OK;
    }
}
