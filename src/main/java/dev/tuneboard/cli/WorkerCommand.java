package dev.tuneboard.cli;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.run.RunReport;
import dev.tuneboard.run.StopSignal;
import dev.tuneboard.run.Worker;
import dev.tuneboard.store.ExperimentStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "worker", description = "Train trials of every queued or running experiment in a shared store, "
        + "alongside any number of other workers.")
final class WorkerCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--threads", description = "Trials this worker trains at once (default: the spec's parallelism).")
    Integer threads;

    @Option(names = "--exit-when-idle", description = "Exit when no experiment has work left, instead of waiting for more.")
    boolean exitWhenIdle;

    @Option(names = "--poll-seconds", defaultValue = "5", description = "How often an idle worker looks for work (default: ${DEFAULT-VALUE}).")
    int pollSeconds;

    @Override
    public Integer call() throws Exception {
        StopSignal stop = new StopSignal();
        try (Tuneboard app = store.open(); GracefulStop signals = new GracefulStop(stop, "worker")) {
            System.out.println("worker " + app.workerName() + " serving " + app.dbUrl());
            Worker worker = new Worker(app.experiments(), threads, new ConsoleProgress(System.out, true));
            int code = ExitCodes.OK;
            for (RunReport r : worker.work(stop, exitWhenIdle, Duration.ofSeconds(pollSeconds))) {
                System.out.printf("%s: %s — %d trials run by this worker (%d completed)%n", r.experiment(), r.status().key(),
                        r.trialsRun(), r.completed());
                // A worker that trained trials of an experiment and completed none of them, or saw it fail, failed
                // (not one told to stop: its trial was recorded stopped and goes back to the queue).
                if (r.status() == ExperimentStatus.FAILED
                        || (!stop.stopped() && r.trialsRun() > 0 && r.completed() + r.pruned() == 0)) {
                    System.err.println("error: " + r.experiment() + ": " + (r.status() == ExperimentStatus.FAILED
                            ? "failed: " + r.stopReason() : "no trial this worker ran completed"));
                    code = ExitCodes.FAILURE;
                }
            }
            return stop.stopped() ? ExitCodes.INTERRUPTED : code;
        }
    }
}
