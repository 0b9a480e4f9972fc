package dev.tuneboard.store;

/** A store operation that cannot succeed (name taken, connection lost); carries the cause. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
