package dev.tuneboard.cli;

import org.h2.tools.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "db-server", description = "Serve the H2 database over TCP so workers on other machines can share it.")
final class DbServerCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "9092", description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--results", defaultValue = "results", description = "Folder holding the database files (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--allow-others", description = "Accept connections from other machines (default: loopback only). "
            + "Set TUNEBOARD_DB_USER/TUNEBOARD_DB_PASSWORD on every process when you do.")
    boolean allowOthers;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(results);
        List<String> args = new ArrayList<>(List.of("-tcpPort", String.valueOf(port), "-baseDir",
                results.toAbsolutePath().toString(), "-ifNotExists"));
        if (allowOthers) args.add("-tcpAllowOthers");
        Server server = Server.createTcpServer(args.toArray(String[]::new)).start();
        System.out.printf("H2 TCP server on port %d; database URL: jdbc:h2:tcp://%s:%d/tuneboard%n", server.getPort(),
                allowOthers ? "<this-host>" : "localhost", server.getPort());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }));
        stopped.await();
        return ExitCodes.OK;
    }
}
