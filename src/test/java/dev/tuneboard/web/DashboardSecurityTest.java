package dev.tuneboard.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.store.Store;
import io.javalin.Javalin;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attacks of issue 11 over real HTTP on a loopback port: cross-site submits and cancels, foreign
 * {@code Host} names (DNS rebinding), and reads without the token on a server that has one. Each must
 * fail and leave the store as it was; the dashboard's own requests and bearer-token clients still work.
 */
@Timeout(180)
class DashboardSecurityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType TEXT = MediaType.get("text/plain");
    private static final MediaType YAML = MediaType.get("application/yaml");
    private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
    private static final String TOKEN = "s3cret-token";
    private static Tuneboard tuneboard;
    private static DashboardServer open;
    private static Javalin openApp;
    private static String openBase;
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().followRedirects(false)
            .readTimeout(Duration.ofSeconds(60)).build();

    @BeforeAll
    static void start() throws Exception {
        tuneboard = WebFixture.app();
        open = new DashboardServer(tuneboard.experiments(), DashboardServer.Options.defaults());
        openApp = open.create().start("127.0.0.1", 0);
        openBase = "http://127.0.0.1:" + openApp.port();
    }

    @AfterAll
    static void stop() {
        if (openApp != null) openApp.stop();
        if (open != null) open.close();
    }

    private static Store store() {
        return tuneboard.store();
    }

    private static Response send(String url, UnaryOperator<Request.Builder> build) throws IOException {
        return HTTP.newCall(build.apply(new Request.Builder().url(url)).build()).execute();
    }

    private static int code(String url, UnaryOperator<Request.Builder> build) throws IOException {
        try (Response r = send(url, build)) {
            return r.code();
        }
    }

    private static String body(Response r) throws IOException {
        return r.body() == null ? "" : r.body().string();
    }

    private static String bodyOf(Response r) {
        try {
            return body(r);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static boolean stored(String name) {
        return store().find(name).isPresent();
    }

    @Test
    void crossSiteSubmitsAreRefusedAndNothingIsQueued() throws Exception {
        String url = openBase + "/api/experiments";
        // The reproduction: a page on evil.example posting text/plain (a "simple" request, no preflight).
        assertEquals(403, code(url, b -> b.post(RequestBody.create(WebFixture.quickSpec("evil-text"), TEXT))
                .header("Origin", "https://evil.example")));
        // The same from Chromium, which also says where the request came from.
        assertEquals(403, code(url, b -> b.post(RequestBody.create(WebFixture.quickSpec("evil-fetch"), TEXT))
                .header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site")));
        // Another port on the same host is same-site (cookies travel there) but a different origin.
        assertEquals(403, code(url, b -> b.post(RequestBody.create(WebFixture.quickSpec("evil-port"), TEXT))
                .header("Origin", "http://127.0.0.1:1").header("Sec-Fetch-Site", "same-site").header("X-Tuneboard", "1")));
        // An HTML form from a sandboxed frame or file: sends Origin: null.
        assertEquals(403, code(url, b -> b.post(RequestBody.create("spec=" + WebFixture.quickSpec("evil-null"), FORM))
                .header("Origin", "null")));
        // An old browser sending neither Origin nor Sec-Fetch-Site still cannot add the custom header to a form.
        assertEquals(403, code(url, b -> b.post(RequestBody.create(WebFixture.quickSpec("evil-bare"), TEXT))));
        // A forged X-Tuneboard from a foreign origin (possible only after a preflight we never grant).
        assertEquals(403, code(url, b -> b.post(RequestBody.create(WebFixture.quickSpec("evil-header"), YAML))
                .header("Origin", "https://evil.example").header("X-Tuneboard", "1")));
        for (String name : List.of("evil-text", "evil-fetch", "evil-port", "evil-null", "evil-bare", "evil-header")) {
            assertFalse(stored(name), name + " must not be stored");
        }
        try (Response r = send(url, b -> b.post(RequestBody.create(WebFixture.quickSpec("evil-text"), TEXT))
                .header("Origin", "https://evil.example"))) {
            assertTrue(body(r).contains("Origin"), "the refusal says why");
        }
    }

    @Test
    void crossSiteCancelIsRefusedAndTheRunGoesOn() throws Exception {
        String name = "web-security-cancel";
        String spec = WebFixture.SPEC.replace("name: web-fixture", "name: " + name).replace("epochs: 2", "epochs: 30")
                .replace("trials: 4", "trials: 20");
        // The dashboard's own page: same origin, Sec-Fetch-Site same-origin, X-Tuneboard.
        try (Response r = send(openBase + "/api/experiments", b -> b.post(RequestBody.create(spec, YAML))
                .header("Origin", openBase).header("Sec-Fetch-Site", "same-origin").header("X-Tuneboard", "1"))) {
            assertEquals(201, r.code(), body(r));
        }
        String cancel = openBase + "/api/experiments/" + name + "/cancel";
        try {
            assertEquals(403, code(cancel, b -> b.post(RequestBody.create("", TEXT)).header("Origin", "https://evil.example")));
            assertEquals(403, code(cancel, b -> b.post(RequestBody.create("", TEXT)).header("Sec-Fetch-Site", "cross-site")));
            assertEquals(403, code(cancel, b -> b.post(RequestBody.create("", TEXT))));
            Thread.sleep(500);
            String status = store().find(name).orElseThrow().status().key();
            assertTrue(status.equals("queued") || status.equals("running"), "not cancelled: " + status);
            try (Response list = send(openBase + "/api/experiments/" + name, b -> b)) {
                assertEquals(200, list.code());
                assertNotEquals("stopping", JSON.readTree(body(list)).get("experiment").get("status").asText());
            }
        } finally {
            // A curl-like client (no Origin) with the header may cancel: that is the CLI/API path.
            assertEquals(202, code(cancel, b -> b.post(RequestBody.create("", TEXT)).header("X-Tuneboard", "1")));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline && !store().find(name).orElseThrow().status().key().equals("stopped")) {
                Thread.sleep(100);
            }
        }
        assertEquals("stopped", store().find(name).orElseThrow().status().key());
    }

    @Test
    void foreignHostNamesAreRefusedOnEveryRoute() throws Exception {
        for (String path : List.of("/", "/index.html", "/js/main.js", "/js/pages/trial.js", "/signin.html", "/api/experiments",
                "/api/experiments/" + WebFixture.EXPERIMENT, "/api/experiments/" + WebFixture.EXPERIMENT + "/best-model",
                "/api/samples/test/0.png", "/api/events", "/api/openapi.json", "/api/session",
                "/webjars/echarts/5.3.1/dist/echarts.min.js")) {
            try (Response r = send(openBase + path, b -> b.header("Host", "attacker.example:7071"))) {
                assertEquals(403, r.code(), path);
                assertFalse(body(r).contains(WebFixture.EXPERIMENT + "\""), path + " leaks nothing");
            }
        }
        assertEquals(403, code(openBase + "/api/experiments", b -> b.header("Host", "attacker.example")
                .post(RequestBody.create(WebFixture.quickSpec("evil-rebind"), YAML)).header("X-Tuneboard", "1")));
        assertEquals(403, code(openBase + "/api/experiments", b -> b.method("OPTIONS", null).header("Host", "attacker.example")));
        assertEquals(403, code(openBase + "/api/experiments", b -> b.header("Host", "127.0.0.1.attacker.example")));
        int odd = code(openBase + "/api/experiments", b -> b.header("Host", "localhost:7070@attacker.example"));
        assertTrue(odd == 400 || odd == 403, "Jetty or the guard refuses it: " + odd);
        assertFalse(stored("evil-rebind"));
        int port = openApp.port();
        for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "[::1]:" + port, "localhost.:80")) {
            assertEquals(200, code(openBase + "/api/experiments", b -> b.header("Host", host)), host);
        }
    }

    @Test
    void namesGivenWithAllowHostAreServed() throws Exception {
        DashboardServer named = new DashboardServer(tuneboard.experiments(),
                new DashboardServer.Options(null, Duration.ofSeconds(1), List.of("tuneboard.lan", "::1", "192.168.1.20")));
        Javalin app = named.create().start("127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + app.port();
            assertEquals(200, code(base + "/api/experiments", b -> b.header("Host", "tuneboard.lan:7070")));
            assertEquals(200, code(base + "/api/experiments", b -> b.header("Host", "TuneBoard.LAN")));
            assertEquals(200, code(base + "/", b -> b.header("Host", "192.168.1.20:7070")));
            assertEquals(403, code(base + "/", b -> b.header("Host", "other.lan:7070")));
            // Origin must match the Host the request came in on, whichever allowed name that is.
            assertEquals(409, code(base + "/api/experiments", b -> b.header("Host", "tuneboard.lan:7070")
                    .header("Origin", "http://tuneboard.lan:7070").header("X-Tuneboard", "1")
                    .post(RequestBody.create(WebFixture.SPEC, YAML))));
            assertEquals(403, code(base + "/api/experiments", b -> b.header("Host", "tuneboard.lan:7070")
                    .header("Origin", "http://192.168.1.20:7070").header("X-Tuneboard", "1")
                    .post(RequestBody.create(WebFixture.SPEC, YAML))));
        } finally {
            app.stop();
            named.close();
        }
    }

    @Test
    void ownPagesAndApiClientsStillChangeThings() throws Exception {
        String url = openBase + "/api/experiments";
        // 409 = past every guard, into the submit checks (the fixture's name is taken): nothing new is queued.
        assertEquals(409, code(url, b -> b.post(RequestBody.create(WebFixture.SPEC, YAML))
                .header("Origin", openBase).header("Sec-Fetch-Site", "same-origin").header("X-Tuneboard", "1")));
        assertEquals(409, code(url, b -> b.post(RequestBody.create(WebFixture.SPEC, YAML)).header("X-Tuneboard", "1")));
        assertEquals(409, code(url, b -> b.post(RequestBody.create(WebFixture.SPEC, YAML))
                .header("Sec-Fetch-Site", "none").header("X-Tuneboard", "1")));
        // Reads from the dashboard itself, a typed URL, or curl.
        assertEquals(200, code(url, b -> b.header("Sec-Fetch-Site", "same-origin")));
        assertEquals(200, code(url, b -> b.header("Sec-Fetch-Site", "none")));
        assertEquals(200, code(url, b -> b));
        // API reads from other sites' pages are refused outright (CORS would hide the body anyway).
        assertEquals(403, code(url, b -> b.header("Sec-Fetch-Site", "cross-site").header("Origin", "https://evil.example")));
        // Without a token there is nothing to sign in to, and the page says so.
        try (Response r = send(openBase + "/api/session", b -> b)) {
            JsonNode s = JSON.readTree(body(r));
            assertFalse(s.get("tokenRequired").asBoolean());
        }
        assertEquals(200, code(openBase + "/", b -> b));
    }

    @Test
    void offLoopbackTheTokenGuardsReadsToo() throws Exception {
        DashboardServer guarded = new DashboardServer(tuneboard.experiments(), new DashboardServer.Options(TOKEN, Duration.ofSeconds(1)));
        Javalin app = guarded.create().start("0.0.0.0", 0);
        try {
            String base = "http://127.0.0.1:" + app.port();
            long trial = trialId(base);
            List<String> reads = List.of("/api/experiments", "/api/experiments/" + WebFixture.EXPERIMENT,
                    "/api/experiments/" + WebFixture.EXPERIMENT + "/trials", "/api/experiments/" + WebFixture.EXPERIMENT + "/trials.csv",
                    "/api/experiments/" + WebFixture.EXPERIMENT + "/trials.json", "/api/experiments/" + WebFixture.EXPERIMENT + "/best-model",
                    "/api/trials/" + trial, "/api/samples/test/0.png?experiment=" + WebFixture.EXPERIMENT, "/api/events",
                    "/api/openapi.json");
            for (String path : reads) {
                try (Response r = send(base + path, b -> b)) {
                    assertEquals(401, r.code(), path);
                    assertTrue(r.header("Content-Type").startsWith("application/json"), path);
                    assertFalse(body(r).contains(WebFixture.EXPERIMENT), path + " leaks nothing");
                }
                // A few wrong guesses only: ten from one address within a minute lock it out (see below).
                if (path.contains("trials")) assertEquals(401, code(base + path, b -> b.header("Authorization", "Bearer wrong")), path);
                assertEquals(401, code(base + path, b -> b.header("Cookie", "tuneboard_session=" + "0".repeat(64))), path);
                if (!path.equals("/api/events")) {
                    try (Response r = send(base + path, b -> b.header("Authorization", "Bearer " + TOKEN))) {
                        assertEquals(200, r.code(), () -> path + ": " + bodyOf(r));
                    }
                }
            }
            // Pages send browsers to the sign-in page; the sign-in page and its script need no token.
            for (String page : List.of("/", "/index.html", "/js/main.js", "/js/api.js", "/webjars/echarts/5.3.1/dist/echarts.min.js")) {
                try (Response r = send(base + page, b -> b)) {
                    assertEquals(302, r.code(), page);
                    assertEquals("/signin.html", r.header("Location"));
                    assertFalse(body(r).contains("main.js"), page);
                }
            }
            assertEquals(200, code(base + "/signin.html", b -> b));
            assertEquals(200, code(base + "/signin.js", b -> b));

            // API clients: the bearer header alone makes a change possible (409: past the guards, name taken).
            assertEquals(409, code(base + "/api/experiments", b -> b.post(RequestBody.create(WebFixture.SPEC, YAML))
                    .header("Authorization", "Bearer " + TOKEN)));
            assertEquals(401, code(base + "/api/experiments", b -> b.post(RequestBody.create(WebFixture.quickSpec("no-token"), YAML))
                    .header("X-Tuneboard", "1")));
            assertFalse(stored("no-token"));
        } finally {
            app.stop();
            guarded.close();
        }
    }

    @Test
    void signingInSetsAStrictHttpOnlyCookieThatOpensPagesAndApi() throws Exception {
        DashboardServer guarded = new DashboardServer(tuneboard.experiments(), new DashboardServer.Options(TOKEN, Duration.ofSeconds(1)));
        Javalin app = guarded.create().start("127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + app.port();
            String session = base + "/api/session";
            MediaType json = MediaType.get("application/json");
            assertEquals(401, code(session, b -> b.post(RequestBody.create("{\"token\":\"wrong\"}", json))
                    .header("Origin", base).header("X-Tuneboard", "1")));
            // Login CSRF: a foreign page cannot sign a browser into this dashboard either.
            assertEquals(403, code(session, b -> b.post(RequestBody.create("{\"token\":\"" + TOKEN + "\"}", TEXT))
                    .header("Origin", "https://evil.example")));
            String cookie;
            try (Response r = send(session, b -> b.post(RequestBody.create("{\"token\":\"" + TOKEN + "\"}", json))
                    .header("Origin", base).header("X-Tuneboard", "1"))) {
                assertEquals(200, r.code(), body(r));
                String set = r.header("Set-Cookie");
                assertNotNull(set);
                assertTrue(set.matches("tuneboard_session=[0-9a-f]{64}; .*"), set);
                assertTrue(set.contains("; HttpOnly"), set);
                assertTrue(set.contains("; SameSite=Strict"), set);
                assertTrue(set.contains("; Path=/"), set);
                assertFalse(set.contains("Secure"), "plain http: a Secure cookie would never come back: " + set);
                assertEquals("no-store", r.header("Cache-Control"));
                cookie = set.substring(0, set.indexOf(';'));
            }
            try (Response r = send(session, b -> b.post(RequestBody.create("{\"token\":\"" + TOKEN + "\"}", json))
                    .header("X-Tuneboard", "1").header("X-Forwarded-Proto", "https"))) {
                assertTrue(r.header("Set-Cookie").contains("; Secure"), "behind a TLS proxy the cookie is Secure");
            }
            assertEquals(200, code(base + "/", b -> b.header("Cookie", cookie)));
            assertEquals(200, code(base + "/api/experiments", b -> b.header("Cookie", cookie)));
            try (Response r = send(session, b -> b.header("Cookie", cookie))) {
                assertEquals(Map.of("tokenRequired", true, "signedIn", true), JSON.convertValue(JSON.readTree(body(r)), Map.class));
            }
            // The cookie travels with cross-site requests from same-site pages (another port), so changes
            // still need the header and the right origin: cookie alone is not enough.
            assertEquals(403, code(base + "/api/experiments", b -> b.header("Cookie", cookie)
                    .post(RequestBody.create(WebFixture.quickSpec("cookie-only"), TEXT))));
            assertEquals(403, code(base + "/api/experiments", b -> b.header("Cookie", cookie).header("X-Tuneboard", "1")
                    .header("Origin", "http://127.0.0.1:1").post(RequestBody.create(WebFixture.quickSpec("cookie-other-port"), YAML))));
            assertEquals(409, code(base + "/api/experiments", b -> b.header("Cookie", cookie).header("X-Tuneboard", "1")
                    .header("Origin", base).post(RequestBody.create(WebFixture.SPEC, YAML))));
            assertFalse(stored("cookie-only") || stored("cookie-other-port"));

            // Signing out ends the session on the server, not just in the browser.
            try (Response r = send(session, b -> b.delete().header("Cookie", cookie).header("Origin", base).header("X-Tuneboard", "1"))) {
                assertEquals(204, r.code());
                assertTrue(r.header("Set-Cookie").contains("Max-Age=0"));
            }
            assertEquals(401, code(base + "/api/experiments", b -> b.header("Cookie", cookie)));
            assertEquals(302, code(base + "/", b -> b.header("Cookie", cookie)));
        } finally {
            app.stop();
            guarded.close();
        }
    }

    @Test
    void guessingTheTokenIsLimited() throws Exception {
        DashboardServer guarded = new DashboardServer(tuneboard.experiments(), new DashboardServer.Options(TOKEN, Duration.ofSeconds(1)));
        Javalin app = guarded.create().start("127.0.0.1", 0);
        try {
            String url = "http://127.0.0.1:" + app.port() + "/api/experiments";
            for (int i = 0; i < 10; i++) assertEquals(401, code(url, b -> b.header("Authorization", "Bearer guess")));
            assertEquals(429, code(url, b -> b.header("Authorization", "Bearer guess")));
            assertEquals(429, code(url, b -> b.header("Authorization", "Bearer " + TOKEN)), "even the right token waits out the minute");
        } finally {
            app.stop();
            guarded.close();
        }
    }

    private static long trialId(String base) throws IOException {
        try (Response r = send(base + "/api/experiments/" + WebFixture.EXPERIMENT + "/trials?limit=1",
                b -> b.header("Authorization", "Bearer " + TOKEN))) {
            return JSON.readTree(body(r)).get("rows").get(0).get("id").asLong();
        }
    }

}
