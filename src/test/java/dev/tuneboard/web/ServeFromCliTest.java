package dev.tuneboard.web;

import dev.tuneboard.ChildJvm;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** `tuneboard serve` in its own process: the off-loopback rule and the Host names it answers to. */
@Timeout(120)
class ServeFromCliTest {
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().followRedirects(false).build();

    @TempDir
    Path dir;

    @Test
    void offLoopbackNeedsATokenThenGuardsReadsAndAnswersOnlyToItsOwnNames() throws Exception {
        Process refused = ChildJvm.start(dir.resolve("refused.log"), "serve", "--host", "0.0.0.0", "--port", "0",
                "--results", dir.resolve("results").toString());
        assertTrue(refused.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, refused.exitValue(), Files.readString(dir.resolve("refused.log")));

        Path log = dir.resolve("serve.log");
        Process serve = ChildJvm.start(log, "serve", "--host", "0.0.0.0", "--port", "0", "--token", "cli-token",
                "--allow-host", "tuneboard.example", "--results", dir.resolve("results").toString());
        try {
            int port = port(log, serve);
            String url = "http://127.0.0.1:" + port + "/api/experiments";
            assertEquals(401, code(url, b -> b));
            assertEquals(200, code(url, b -> b.header("Authorization", "Bearer cli-token")));
            assertEquals(200, code(url, b -> b.header("Authorization", "Bearer cli-token").header("Host", "tuneboard.example:" + port)));
            assertEquals(403, code(url, b -> b.header("Authorization", "Bearer cli-token").header("Host", "attacker.example:" + port)));
            // Bound to every interface, the machine's own addresses are its names (IP literals cannot be rebound).
            Optional<String> own = ownAddress();
            if (own.isPresent()) {
                assertEquals(200, code(url, b -> b.header("Authorization", "Bearer cli-token").header("Host", own.get() + ":" + port)), own.get());
            }
            assertEquals(302, code("http://127.0.0.1:" + port + "/", b -> b));
        } finally {
            serve.destroy();
            assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "serve stops on SIGTERM");
        }
    }

    private static int port(Path log, Process serve) throws Exception {
        Pattern started = Pattern.compile("dashboard on http://0\\.0\\.0\\.0:(\\d+)/");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                Matcher m = started.matcher(Files.readString(log));
                if (m.find()) return Integer.parseInt(m.group(1));
            }
            if (!serve.isAlive()) fail("serve exited: " + Files.readString(log));
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not start: " + Files.readString(log));
    }

    private static Optional<String> ownAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) return Optional.of(a.getHostAddress());
            }
        }
        return Optional.empty();
    }

    private static int code(String url, UnaryOperator<Request.Builder> build) throws Exception {
        try (Response r = HTTP.newCall(build.apply(new Request.Builder().url(url)).build()).execute()) {
            return r.code();
        }
    }
}
