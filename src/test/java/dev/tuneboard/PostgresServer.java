package dev.tuneboard;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from Debian's packages, started in a temporary folder on a free loopback
 * port for one test class. Fails loudly when PostgreSQL is not installed (.ci/run installs it).
 */
public final class PostgresServer implements AutoCloseable {
    private final Path bin;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresServer(Path bin, Path data, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    public static PostgresServer start() throws Exception {
        Path bin = findBin();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path data = Files.createTempDirectory("tuneboard-pg-");
        if (root) run(List.of("chown", "postgres:postgres", data.toString()), false);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PostgresServer server = new PostgresServer(bin, data, port, root);
        server.pg(List.of(bin.resolve("initdb").toString(), "-D", data.resolve("db").toString(), "-A", "trust", "-U", "postgres",
                "--no-sync"));
        server.startServer();
        return server;
    }

    /** Starts the (stopped) server again on the same port and data, waiting until it accepts connections. */
    public void startServer() throws Exception {
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-w", "-l",
                data.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
    }

    /** Stops the server as an administrator's restart would: open sessions are ended (admin_shutdown). */
    public void stopServer() throws Exception {
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-m", "fast", "-w", "stop"));
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    private static Path findBin() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("PostgreSQL is not installed: apt-get install -y postgresql (.ci/run does this)");
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql/*/bin"));
        }
    }

    private void pg(List<String> command) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        cmd.addAll(command);
        run(cmd, true);
    }

    private static void run(List<String> command, boolean check) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0 && check) throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
    }

    @Override
    public void close() throws Exception {
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-m", "immediate", "-w", "stop"));
        run(List.of("rm", "-rf", data.toString()), false);
    }
}
