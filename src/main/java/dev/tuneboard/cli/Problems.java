package dev.tuneboard.cli;

import dev.tuneboard.data.DataException;
import dev.tuneboard.spec.SpecException;
import dev.tuneboard.spec.SpecProblem;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.Store;

import java.util.Optional;

/** Says what was wrong with the input: spec problems one per line (file:line:column: field: what was expected), data, runs. */
final class Problems {
    private Problems() {
    }

    static void print(SpecException e) {
        for (SpecProblem p : e.problems()) System.err.println(p);
    }

    /**
     * Prints a spec, data or run problem ({@code where}: which spec or data, for data problems) and returns the
     * bad-input exit code.
     */
    static int badInput(Exception e, String where) {
        if (e instanceof SpecException spec) print(spec);
        else if (e instanceof DataException data) System.err.println(where + ": " + data.field() + ": " + data.getMessage());
        else System.err.println("error: " + e.getMessage());
        return ExitCodes.BAD_INPUT;
    }

    /** The stored experiment, or empty with "no experiment named" printed. */
    static Optional<ExperimentRecord> experiment(Store store, String name) {
        Optional<ExperimentRecord> e = store.find(name);
        if (e.isEmpty()) System.err.println("error: no experiment named '" + name + "'");
        return e;
    }
}
