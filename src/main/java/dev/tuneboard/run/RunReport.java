package dev.tuneboard.run;

import dev.tuneboard.store.ExperimentStatus;

import java.util.List;

/**
 * How a run ended, with counts of what it did this time; {@code completedInExperiment} counts every completed
 * trial of the experiment (earlier runs and other workers too), {@code busyElsewhere} names live processes
 * still training trials of it.
 */
public record RunReport(String experiment, ExperimentStatus status, int trialsRun, int completed, int pruned, int failed,
                        int stopped, double seconds, String stopReason, int completedInExperiment,
                        List<String> busyElsewhere) {
    public RunReport {
        busyElsewhere = List.copyOf(busyElsewhere);
    }
}
