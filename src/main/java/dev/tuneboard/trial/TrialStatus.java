package dev.tuneboard.trial;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A trial's life: queued → running → completed | pruned | failed | stopped. Checked in one place. */
public enum TrialStatus {
    QUEUED, RUNNING, COMPLETED, PRUNED, FAILED, STOPPED;

    public boolean isFinished() {
        return this != QUEUED && this != RUNNING;
    }

    public boolean canTransitionTo(TrialStatus next) {
        Set<TrialStatus> allowed = switch (this) {
            case QUEUED -> EnumSet.of(RUNNING, STOPPED);
            case RUNNING -> EnumSet.of(COMPLETED, PRUNED, FAILED, STOPPED, QUEUED);
            default -> EnumSet.noneOf(TrialStatus.class);
        };
        return allowed.contains(next);
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TrialStatus of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
