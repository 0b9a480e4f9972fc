package dev.tuneboard.spec;

import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How the spec tests assert a refusal: the spec is refused with exactly one problem, which they then examine. */
final class SpecRefusals {
    private SpecRefusals() {
    }

    /** The one problem {@code yaml} (read as spec.yaml) is refused with. */
    static SpecProblem onlyProblem(String yaml) {
        return onlyProblem(() -> new SpecLoader().parse(yaml, "spec.yaml"));
    }

    /** The one problem {@code parse} is refused with. */
    static SpecProblem onlyProblem(Executable parse) {
        SpecException e = assertThrows(SpecException.class, parse);
        assertEquals(1, e.problems().size(), () -> "expected one problem, got " + e.problems());
        return e.problems().get(0);
    }
}
