package dev.tuneboard.app;

import dev.tuneboard.train.ThreadEnvironment;
import dev.tuneboard.trial.Provenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** Reads what a trial's provenance records from the build (a resource Maven fills in) and from this machine. */
final class ProvenanceProbe {
    private final Properties build = new Properties();

    ProvenanceProbe() {
        try (InputStream in = ProvenanceProbe.class.getResourceAsStream("/tuneboard-build.properties")) {
            if (in != null) build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tuneboard-build.properties", e);
        }
    }

    Provenance read(Map<String, String> env, String fastPaths, String worker) {
        return new Provenance(build.getProperty("tuneboard", "unknown"), build.getProperty("deeplearning4j", "unknown"),
                build.getProperty("nd4j", "unknown"), build.getProperty("arbiter", "unknown"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                cpuModel(), Runtime.getRuntime().availableProcessors(), ThreadEnvironment.readFrom(env), fastPaths, worker);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the architecture is what we can say
        }
        return System.getProperty("os.arch");
    }
}
