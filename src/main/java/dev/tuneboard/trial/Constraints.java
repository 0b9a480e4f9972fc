package dev.tuneboard.trial;

/**
 * Limits a chosen model must meet (the spec's {@code objective.max_parameters} and {@code objective.max_latency_ms},
 * latency at batch 1). Null means no limit. A trial with no measured cost is infeasible under any limit:
 * nobody can say it meets it.
 */
public record Constraints(Long maxParameters, Double maxLatencyMs) {
    public static final Constraints NONE = new Constraints(null, null);

    public Constraints {
        if (maxParameters != null && maxParameters < 1) throw new IllegalArgumentException("max_parameters must be >= 1");
        if (maxLatencyMs != null && !(maxLatencyMs > 0 && Double.isFinite(maxLatencyMs))) {
            throw new IllegalArgumentException("max_latency_ms must be a positive number");
        }
    }

    public boolean any() {
        return maxParameters != null || maxLatencyMs != null;
    }

    public boolean feasible(InferenceCost cost) {
        if (!any()) return true;
        if (cost == null) return false;
        return (maxParameters == null || cost.parameters() <= maxParameters)
                && (maxLatencyMs == null || cost.latencyMs() <= maxLatencyMs);
    }

    /** What a trial breaks, for people ("1,234,567 parameters > 500,000"); empty when feasible. */
    public String violation(InferenceCost cost) {
        if (feasible(cost)) return "";
        if (cost == null) return "no measured size or latency";
        StringBuilder out = new StringBuilder();
        if (maxParameters != null && cost.parameters() > maxParameters) {
            out.append(String.format(java.util.Locale.ROOT, "%,d parameters > %,d", cost.parameters(), maxParameters));
        }
        if (maxLatencyMs != null && cost.latencyMs() > maxLatencyMs) {
            if (out.length() > 0) out.append("; ");
            out.append(String.format(java.util.Locale.ROOT, "latency %.3f ms > %s ms", cost.latencyMs(), maxLatencyMs));
        }
        return out.toString();
    }
}
