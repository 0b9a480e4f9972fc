package dev.tuneboard.web.dto;

import dev.tuneboard.spec.SpecProblem;

import java.util.List;

/** A rejected spec: the same problems (file, line, column, field, message) the CLI prints, plus its text lines. */
public record SpecErrors(List<Problem> errors) {

    public record Problem(String file, int line, int column, String field, String message, String text) {
        public static Problem of(SpecProblem p) {
            return new Problem(p.file(), p.line(), p.column(), p.field(), p.message(), p.toString());
        }
    }
}
