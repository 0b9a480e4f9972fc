package dev.tuneboard.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.cli.Main;
import io.javalin.testtools.JavalinTest;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `leaderboard --json` and the dashboard API say the same thing about a trial, in the same words. */
class OneTrialShapeTest {
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void the_cli_json_equals_the_api_json_for_the_same_trials() throws Exception {
        Tuneboard app = WebFixture.app();
        ObjectMapper json = new ObjectMapper();
        JsonNode cli;
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        synchronized (OneTrialShapeTest.class) {
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                assertEquals(0, Main.commandLine().execute("leaderboard", WebFixture.EXPERIMENT, "--json", "--db", app.dbUrl()));
            } finally {
                System.setOut(old);
            }
        }
        cli = json.readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(4, cli.size(), cli.toString());
        try (DashboardServer server = new DashboardServer(app.experiments(), DashboardServer.Options.defaults())) {
            JavalinTest.test(server.create(), (s, client) -> {
                Response all = client.get("/api/experiments/" + WebFixture.EXPERIMENT + "/trials.json");
                assertEquals(200, all.code());
                assertEquals(json.readTree(all.body().string()), cli, "the export route");
                Response page = client.get("/api/experiments/" + WebFixture.EXPERIMENT + "/trials");
                assertEquals(cli, json.readTree(page.body().string()).get("rows"), "the leaderboard page");
                Response one = client.get("/api/experiments/" + WebFixture.EXPERIMENT + "/trials/" + cli.get(0).get("number").asInt());
                assertEquals(cli.get(0), json.readTree(one.body().string()).get("trial"), "the trial page");
            });
        }
        for (String key : new String[] {"number", "status", "params", "valAccuracy", "testAccuracy", "epochsDone", "seconds",
                "samplesPerSecond", "seed"}) {
            assertTrue(cli.get(0).has(key), key + " in " + cli.get(0));
        }
    }
}
