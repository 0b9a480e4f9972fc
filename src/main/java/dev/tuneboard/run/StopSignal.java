package dev.tuneboard.run;

import java.util.concurrent.atomic.AtomicReference;

/** Asks a run to stop (Ctrl-C, a cancel from the dashboard); running trials end at their next batch. */
public final class StopSignal {
    private final AtomicReference<String> reason = new AtomicReference<>();

    public void stop(String why) {
        reason.compareAndSet(null, why);
    }

    public boolean stopped() {
        return reason.get() != null;
    }

    public String reason() {
        return reason.get();
    }
}
