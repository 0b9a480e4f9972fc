package dev.tuneboard.bench;

/** One configuration measured in every round: a part in a JVM with {@code threads} ND4J/BLAS threads. */
public record Variant(String label, String part, int threads, int parallelism, int trials) {
    public String key() {
        return part + "/t" + threads + "/p" + parallelism;
    }
}
