package dev.tuneboard.store;

/**
 * A store operation that cannot succeed (name taken, connection lost); carries the cause. A
 * {@link #transientFault() transient} one (lock timeout, deadlock, serialization failure, connection
 * lost or refused while the server restarts) may succeed when tried again; the others will not.
 */
public class StoreException extends RuntimeException {
    private final boolean transientFault;

    public StoreException(String message) {
        this(message, null, false);
    }

    public StoreException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public StoreException(String message, Throwable cause, boolean transientFault) {
        super(message, cause);
        this.transientFault = transientFault;
    }

    /** True when the same call, tried again a little later, may succeed. */
    public boolean transientFault() {
        return transientFault;
    }
}
