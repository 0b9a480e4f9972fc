package dev.tuneboard.spec;

/** One thing wrong with a spec: where (file, line, column, field) and what was expected. */
public record SpecProblem(String file, int line, int column, String field, String message) {
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(file);
        if (line > 0) out.append(':').append(line).append(':').append(column);
        out.append(": ");
        if (field != null && !field.isEmpty()) out.append(field).append(": ");
        return out.append(message).toString();
    }
}
