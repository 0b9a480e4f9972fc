package dev.tuneboard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Starts `tuneboard` commands in child JVMs, as a user's separate processes would be. */
public final class ChildJvm {
    private ChildJvm() {
    }

    public static Process start(Path log, String... args) throws Exception {
        String classpath = Optional.ofNullable(System.getProperty("surefire.test.class.path"))
                .orElse(System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx1g", "-cp", classpath, "dev.tuneboard.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        // The launcher's one-thread environment, set directly so the child does not re-launch itself.
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        pb.environment().put("TUNEBOARD_CHILD", "1");
        return pb.start();
    }
}
