package dev.tuneboard.store;

import java.util.Locale;

public enum ExperimentStatus {
    QUEUED, RUNNING, COMPLETED, STOPPED, FAILED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExperimentStatus of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
