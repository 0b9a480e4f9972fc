package dev.tuneboard.cli;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.run.StopSignal;
import dev.tuneboard.web.DashboardServer;
import io.javalin.Javalin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "serve", description = "Start the dashboard: experiments, leaderboards, charts, submitting and stopping runs.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}); "
            + "anything but loopback requires --token.")
    String host;

    @Option(names = "--port", defaultValue = "7070", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--token", description = "Require this token for every page and API call: browsers sign in once "
            + "(session cookie), API clients send 'Authorization: Bearer TOKEN'.")
    String token;

    @Option(names = "--allow-host", paramLabel = "NAME", description = "Also answer to this Host name (repeatable), e.g. the "
            + "machine's DNS name; loopback names and --host always work, other names get 403 (DNS rebinding).")
    List<String> allowHosts = new ArrayList<>();

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
             DashboardServer server = new DashboardServer(app.experiments(),
                     new DashboardServer.Options(token, Duration.ofSeconds(1), hostNames()));
             GracefulStop signals = new GracefulStop(stop, "dashboard")) {
            Javalin web = server.create();
            web.start(host, port);
            System.out.printf("dashboard on http://%s:%d/ (store %s)%s; Ctrl-C stops%n", host.contains(":") ? "[" + host + "]" : host,
                    web.port(), app.dbUrl(), token == null ? "" : ", sign in with the token");
            // Ctrl-C only sets the signal: runs started here then record their trials as stopped
            // (server.close()) before the store closes, with no race against H2's shutdown hook.
            while (!stop.stopped()) Thread.sleep(200);
            web.stop();
        }
        return ExitCodes.OK;
    }

    /**
     * Host names the dashboard answers to besides loopback: --host, --allow-host and, when bound to every
     * interface, this machine's own addresses and name. IP literals cannot be DNS-rebound, so they are safe.
     */
    private List<String> hostNames() throws IOException {
        List<String> names = new ArrayList<>(allowHosts);
        names.add(host);
        InetAddress bound = InetAddress.getByName(host);
        if (bound.isAnyLocalAddress()) {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    String literal = a.getHostAddress();
                    int zone = literal.indexOf('%');
                    names.add(zone < 0 ? literal : literal.substring(0, zone));
                }
            }
            try {
                InetAddress local = InetAddress.getLocalHost();
                names.add(local.getHostName());
                names.add(local.getCanonicalHostName());
            } catch (java.net.UnknownHostException e) {
                // No resolvable own name: the addresses (and --allow-host) still work.
            }
        }
        return names;
    }
}
