package dev.tuneboard.run;

import dev.tuneboard.store.ExperimentStatus;

/** How a run ended, with counts of what it did this time. */
public record RunReport(String experiment, ExperimentStatus status, int trialsRun, int completed, int pruned, int failed,
                        int stopped, double seconds, String stopReason) {
}
