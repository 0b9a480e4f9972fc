package dev.tuneboard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench is built beside the product (target/bench-classes, target/tuneboard-bench.jar), never inside it: without
 * it `bench` says how to build it, and no product class refers to the bench.
 */
class BenchNotBuiltTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void bench_without_the_bench_classes_says_how_to_build_them() throws Exception {
        String classpath = Optional.ofNullable(System.getProperty("surefire.test.class.path"))
                .orElse(System.getProperty("java.class.path"));
        List<String> parts = Arrays.stream(classpath.split(File.pathSeparator)).toList();
        assertTrue(parts.stream().anyMatch(p -> p.endsWith("bench-classes")), "the test class path has the bench: " + classpath);
        String product = String.join(File.pathSeparator, parts.stream().filter(p -> !p.endsWith("bench-classes")).toList());
        Path out = dir.resolve("bench-out");
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-cp", product, "dev.tuneboard.cli.Main", "bench", "--quick", "--out", out.toString()));
        Path log = dir.resolve("log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TUNEBOARD_CHILD", "1");
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(100, TimeUnit.SECONDS), "bench without its classes took too long");
        } finally {
            p.destroyForcibly();
        }
        String text = Files.readString(log);
        assertEquals(ExitCodes.FAILURE, p.exitValue(), text);
        assertTrue(text.contains("the bench is not built: run mvn package"), text);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void no_product_class_refers_to_the_bench() throws Exception {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes.resolve("dev/tuneboard/cli")), classes.toString());
        assertFalse(Files.exists(classes.resolve("dev/tuneboard/bench")), "bench classes among the product's: " + classes);
        byte[] bench = "dev/tuneboard/bench".getBytes();
        try (Stream<Path> files = Files.walk(classes)) {
            List<Path> referring = files.filter(f -> f.toString().endsWith(".class"))
                    .filter(f -> contains(read(f), bench)).toList();
            assertEquals(List.of(), referring, "product classes that refer to dev.tuneboard.bench");
        }
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (Exception e) {
            throw new IllegalStateException(f.toString(), e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }
}
