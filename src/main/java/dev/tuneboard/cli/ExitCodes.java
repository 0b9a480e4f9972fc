package dev.tuneboard.cli;

/** 0 done; 1 something broke while working; 2 bad input (spec, data, arguments); 130 stopped by Ctrl-C. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int BAD_INPUT = 2;
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
