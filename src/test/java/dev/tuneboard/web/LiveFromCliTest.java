package dev.tuneboard.web;

import dev.tuneboard.ChildJvm;
import dev.tuneboard.app.Tuneboard;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A `tuneboard run` in another process, into the same results folder, shows up live in a running dashboard. */
class LiveFromCliTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void a_cli_run_into_the_same_results_reaches_an_open_dashboard_as_server_sent_events() throws Exception {
        Path results = dir.resolve("results");
        try (Tuneboard app = new Tuneboard(results, null);
             DashboardServer dashboard = new DashboardServer(app.experiments(),
                     new DashboardServer.Options(null, Duration.ofMillis(300)))) {
            Javalin web = dashboard.create().start("127.0.0.1", 0);
            try {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + web.port();
                HttpResponse<java.io.InputStream> events = http.send(HttpRequest.newBuilder(URI.create(base + "/api/events")).header("Accept", "text/event-stream").build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                BufferedReader stream = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8));
                assertTrue(stream.readLine().startsWith("event: hello"), "the stream greets first");

                Path spec = dir.resolve("live.yaml");
                Files.writeString(spec, WebFixture.quickSpec("from-cli"));
                Process cli = ChildJvm.start(dir.resolve("cli.log"), "run", spec.toString(), "--results", results.toString(), "--quiet");
                CompletableFuture<String> change = CompletableFuture.supplyAsync(() -> {
                    try {
                        String line;
                        while ((line = stream.readLine()) != null) if (line.startsWith("event: change")) return line;
                        return null;
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                assertEquals("event: change", change.get(120, TimeUnit.SECONDS), "a change event while the CLI trains");
                assertEquals(0, ChildJvm.exitCode(cli, Duration.ofMinutes(2)), Files.readString(dir.resolve("cli.log")));
                String list = http.send(HttpRequest.newBuilder(URI.create(base + "/api/experiments")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(list.contains("\"name\":\"from-cli\"") && list.contains("\"status\":\"completed\""), list);
            } finally {
                web.stop();
            }
        }
    }
}
