package dev.tuneboard;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Starts `tuneboard` commands in child JVMs, as a user's separate processes would be. Children watch this test
 * JVM (the launcher's parent-death watch) and are killed when it exits, so a failed or timed-out test never
 * leaves a training JVM behind.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** A training JVM as the launcher starts it: one ND4J/BLAS thread, no re-launch. */
    public static Process start(Path log, String... args) throws Exception {
        return start(log, Map.of(
                "OMP_NUM_THREADS", "1",
                "OPENBLAS_NUM_THREADS", "1",
                "OMP_WAIT_POLICY", "PASSIVE",
                "TUNEBOARD_CHILD", "1",
                "TUNEBOARD_PARENT_PID", String.valueOf(ProcessHandle.current().pid())), args);
    }

    /** `java -jar tuneboard.jar ARGS` as a user types it: the launcher, which re-launches training commands. */
    public static Process launcher(Path log, String... args) throws Exception {
        return start(log, Map.of(), args);
    }

    private static Process start(Path log, Map<String, String> env, String... args) throws Exception {
        String classpath = Optional.ofNullable(System.getProperty("surefire.test.class.path"))
                .orElse(System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>();
        // A child inherits ignored signals, and a build started as a background job (`mvn test &`) ignores SIGINT:
        // the JVM then never installs a Ctrl-C handler and the Ctrl-C tests see exit 0. Start children the way a
        // terminal would, with SIGINT at its default (GNU env >= 8.31; it execs, so the pid is the JVM's).
        if (java.nio.file.Files.isExecutable(Path.of("/usr/bin/env"))) cmd.addAll(List.of("/usr/bin/env", "--default-signal=INT"));
        cmd.addAll(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx1g", "-cp", classpath, "dev.tuneboard.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        for (String name : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "OMP_WAIT_POLICY", "TUNEBOARD_CHILD",
                "TUNEBOARD_PARENT_PID")) {
            pb.environment().remove(name);
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }));
        return p;
    }

    /** The exit code, or a test failure (with the child and its children killed) when it takes longer than {@code limit}. */
    public static int exitCode(Process p, Duration limit) throws InterruptedException {
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("child JVM " + p.pid() + " still running after " + limit.toSeconds() + " s; killed");
        }
        return p.exitValue();
    }
}
