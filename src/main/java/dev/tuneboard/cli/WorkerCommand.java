package dev.tuneboard.cli;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.run.RunReport;
import dev.tuneboard.run.StopSignal;
import dev.tuneboard.run.Worker;
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
            Worker worker = new Worker(app.store(), app.runner(), Tuneboard.dataLoader(), threads,
                    new ConsoleProgress(System.out, true));
            for (RunReport r : worker.work(stop, exitWhenIdle, Duration.ofSeconds(pollSeconds))) {
                System.out.printf("%s: %s — %d trials run by this worker%n", r.experiment(), r.status().key(), r.trialsRun());
            }
            return stop.stopped() ? ExitCodes.INTERRUPTED : ExitCodes.OK;
        }
    }
}
