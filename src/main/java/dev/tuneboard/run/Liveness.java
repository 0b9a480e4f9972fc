package dev.tuneboard.run;

import dev.tuneboard.trial.TrialRecord;

import java.time.Duration;
import java.time.Instant;

/**
 * Tells whether a running trial still has a live worker: its worker's heartbeat is recent, and
 * when the worker ran on this machine, its process still exists (so a local crash is noticed at once).
 */
final class Liveness {
    private final String host;
    private final Duration timeout;

    Liveness(String host, Duration timeout) {
        this.host = host;
        this.timeout = timeout;
    }

    boolean alive(TrialRecord running, Instant now) {
        String worker = running.worker();
        if (worker != null) {
            int at = worker.indexOf('@');
            if (at > 0 && worker.substring(at + 1).equals(host)) {
                try {
                    long pid = Long.parseLong(worker.substring(0, at));
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) return false;
                } catch (NumberFormatException notAPid) {
                    // fall through to the heartbeat
                }
            }
        }
        Instant beat = running.heartbeatAt() != null ? running.heartbeatAt() : running.startedAt();
        return beat != null && beat.plus(timeout).isAfter(now);
    }
}
