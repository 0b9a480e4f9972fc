package dev.tuneboard.run;

/** A run that cannot start: the experiment exists with another spec, or its data changed. */
public class RunException extends Exception {
    public RunException(String message) {
        super(message);
    }
}
