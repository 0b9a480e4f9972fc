package dev.tuneboard.cli;

import dev.tuneboard.run.StopSignal;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and kill (SIGTERM) ask a run to stop instead of shutting the JVM down at once:
 * a JVM shutdown would race H2's own shutdown hook, which closes the database before running trials
 * could be recorded as stopped. A second signal ends the process immediately.
 */
final class GracefulStop implements AutoCloseable {
    private static final Signal INT = new Signal("INT");
    private static final Signal TERM = new Signal("TERM");

    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;

    GracefulStop(StopSignal stop, String what) {
        SignalHandler handler = signal -> {
            if (stop.stopped()) {
                System.err.println("\nstopping now");
                Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
            }
            stop.stop("interrupted (" + (signal.getName().equals("INT") ? "Ctrl-C" : "SIG" + signal.getName()) + ")");
            System.err.println("\n" + what + ": stopping — running trials are recorded as stopped (press Ctrl-C again to quit at once)");
        };
        previousInt = Signal.handle(INT, handler);
        previousTerm = Signal.handle(TERM, handler);
    }

    /** The launcher's parent JVM: the child gets the terminal's Ctrl-C itself and stops gracefully. */
    static void ignoreInterrupts() {
        Signal.handle(INT, SignalHandler.SIG_IGN);
    }

    @Override
    public void close() {
        Signal.handle(INT, previousInt);
        Signal.handle(TERM, previousTerm);
    }
}
