package dev.tuneboard.cli;

import dev.tuneboard.spec.SpecException;
import dev.tuneboard.spec.SpecProblem;

/** Prints spec problems one per line: file:line:column: field: what was expected. */
final class Problems {
    private Problems() {
    }

    static void print(SpecException e) {
        for (SpecProblem p : e.problems()) System.err.println(p);
    }
}
