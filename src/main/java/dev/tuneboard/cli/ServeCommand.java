package dev.tuneboard.cli;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.web.DashboardServer;
import io.javalin.Javalin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import dev.tuneboard.run.StopSignal;

@Command(name = "serve", description = "Start the dashboard: experiments, leaderboards, charts, submitting and stopping runs.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}); "
            + "anything but loopback requires --token.")
    String host;

    @Option(names = "--port", defaultValue = "7070", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--token", description = "Require 'Authorization: Bearer TOKEN' on every POST (submit, cancel).")
    String token;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() throws Exception {
        if (token != null && token.isBlank()) token = null;
        if (token == null && !InetAddress.getByName(host).isLoopbackAddress()) {
            System.err.println("error: binding " + host + " exposes the dashboard beyond this machine; pass --token too");
            return ExitCodes.BAD_INPUT;
        }
        StopSignal stop = new StopSignal();
        try (Tuneboard app = store.open();
             DashboardServer server = new DashboardServer(app.store(), app.runner(),
                     new DashboardServer.Options(token, Duration.ofSeconds(1)));
             GracefulStop signals = new GracefulStop(stop, "dashboard")) {
            Javalin web = server.create();
            web.start(host, port);
            System.out.printf("dashboard on http://%s:%d/ (store %s)%s; Ctrl-C stops%n", host.contains(":") ? "[" + host + "]" : host,
                    web.port(), app.dbUrl(), token == null ? "" : ", POST needs the token");
            // Ctrl-C only sets the signal: runs started here then record their trials as stopped
            // (server.close()) before the store closes, with no race against H2's shutdown hook.
            while (!stop.stopped()) Thread.sleep(200);
            web.stop();
        }
        return ExitCodes.OK;
    }
}
