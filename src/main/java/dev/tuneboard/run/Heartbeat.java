package dev.tuneboard.run;

import dev.tuneboard.store.TrialStore;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Says every {@code every} that this process's running trials are alive, so workers elsewhere can tell them
 * from trials whose worker died (as Optuna's heartbeat does). A missed beat only matters if it lasts.
 */
final class Heartbeat implements AutoCloseable {
    private final Set<Long> trials = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heartbeat");
        t.setDaemon(true);
        return t;
    });

    Heartbeat(TrialStore store, Duration every) {
        beat.scheduleAtFixedRate(() -> {
            try {
                store.heartbeat(List.copyOf(trials));
            } catch (RuntimeException e) {
                // The next beat retries; a trial is only given up after DEAD_AFTER without one.
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void add(long trialId) {
        trials.add(trialId);
    }

    void remove(long trialId) {
        trials.remove(trialId);
    }

    @Override
    public void close() {
        beat.shutdownNow();
    }
}
