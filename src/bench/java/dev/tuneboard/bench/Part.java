package dev.tuneboard.bench;

/** One measurement, run alone in a JVM whose thread environment was fixed at start. */
public interface Part {
    PartResult run(PartOptions options) throws Exception;
}
