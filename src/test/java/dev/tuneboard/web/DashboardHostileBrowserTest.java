package dev.tuneboard.web;

import com.sun.net.httpserver.HttpServer;
import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.store.Store;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11's attacks from a real browser: a second local server (another port, no CSP) serves a hostile
 * page that tries to submit, cancel and read on the dashboard. Loaded from {@code localhost} (cross-site)
 * and from {@code 127.0.0.1} (same-site: another port of the same host, where SameSite cookies travel).
 * Every attempt must fail and the store must hold nothing new. Then the sign-in flow of a dashboard with a token.
 */
@Timeout(300)
class DashboardHostileBrowserTest {
    private static final String RUNNING = "hostile-target-run";
    private static final List<String> ATTEMPTS = List.of("submit-fetch", "submit-no-cors", "submit-header", "submit-form",
            "cancel-fetch", "cancel-no-cors", "read", "read-credentials", "events");

    /** The hostile page beside this test; tests run from the project folder (as DashboardBrowserTest's screenshots). */
    private static final Path HOSTILE = Path.of("src/test/java/dev/tuneboard/web/hostile");

    private static Tuneboard tuneboard;
    private static HeadlessChromium chromium;
    private static WebDriver driver;
    private static HttpServer hostile;

    @BeforeAll
    static void start() throws Exception {
        tuneboard = WebFixture.app();
        chromium = new HeadlessChromium();
        driver = chromium.driver();
        hostile = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hostile.createContext("/", exchange -> {
            String file = exchange.getRequestURI().getPath().equals("/attack.js") ? "attack.js" : "index.html";
            byte[] body = Files.readAllBytes(HOSTILE.resolve(file));
            exchange.getResponseHeaders().set("Content-Type", file.endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        hostile.start();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) chromium.close();
        if (hostile != null) hostile.stop(0);
    }

    private static Store store() {
        return tuneboard.store();
    }

    private static WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    @Test
    void aHostilePageCanNeitherSubmitNorCancelNorRead() throws Exception {
        DashboardServer server = new DashboardServer(tuneboard.experiments(), new DashboardServer.Options(null, Duration.ofMillis(500)));
        Javalin app = server.create().start("127.0.0.1", 0);
        String dashboard = "http://127.0.0.1:" + app.port();
        HttpClient http = HttpClient.newHttpClient();
        try {
            // Something to cancel: a long run submitted the legitimate way (curl-like, with the header).
            String spec = WebFixture.SPEC.replace("name: web-fixture", "name: " + RUNNING).replace("epochs: 2", "epochs: 30")
                    .replace("trials: 4", "trials: 20");
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(dashboard + "/api/experiments"))
                    .header("X-Tuneboard", "1").header("Content-Type", "application/yaml")
                    .POST(HttpRequest.BodyPublishers.ofString(spec)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());

            // Also with a session cookie in this browser's jar (same host as the hostile page's 127.0.0.1 origin).
            for (String origin : List.of("http://localhost:" + hostile.getAddress().getPort(),
                    "http://127.0.0.1:" + hostile.getAddress().getPort())) {
                String tag = origin.contains("localhost") ? "cross" : "same";
                driver.get(origin + "/index.html?target=" + enc(dashboard) + "&running=" + enc(RUNNING) + "&tag=" + tag);
                waitUpTo(30).until(d -> !d.findElements(By.id("done")).isEmpty());
                Map<String, String> outcomes = new LinkedHashMap<>();
                for (WebElement li : driver.findElements(By.cssSelector("[data-outcome]"))) {
                    outcomes.put(li.getAttribute("data-outcome"), li.getText());
                }
                assertEquals(ATTEMPTS, List.copyOf(outcomes.keySet()), outcomes.toString());
                // What the page could see: nothing it may read came back.
                for (String id : List.of("submit-fetch", "submit-header", "cancel-fetch", "read", "read-credentials", "events")) {
                    assertTrue(outcomes.get(id).startsWith("blocked"), tag + " " + id + ": " + outcomes.get(id));
                }
                // What the page could not see (no-cors, form): the store says whether it worked.
                for (String kind : List.of("fetch", "nocors", "header", "form")) {
                    assertFalse(store().find("hostile-" + kind + "-" + tag).isPresent(), tag + ": hostile-" + kind + " was queued");
                }
                String status = store().find(RUNNING).orElseThrow().status().key();
                assertTrue(status.equals("queued") || status.equals("running"), tag + ": the run was cancelled: " + status);
            }
            assertTrue(store().list().stream().noneMatch(s -> s.experiment().name().startsWith("hostile-") && !s.experiment().name().equals(RUNNING)));
        } finally {
            HttpResponse<String> cancelled = http.send(HttpRequest.newBuilder(URI.create(dashboard + "/api/experiments/" + RUNNING + "/cancel"))
                    .header("X-Tuneboard", "1").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (cancelled.statusCode() == 202 && System.nanoTime() < deadline
                    && !store().find(RUNNING).orElseThrow().status().key().equals("stopped")) {
                Thread.sleep(100);
            }
            app.stop();
            server.close();
        }
    }

    @Test
    void withATokenTheBrowserSignsInOnceAndSignsOut() throws Exception {
        String token = "browser-token-42";
        DashboardServer server = new DashboardServer(tuneboard.experiments(), new DashboardServer.Options(token, Duration.ofMillis(500)));
        Javalin app = server.create().start("127.0.0.1", 0);
        String base = "http://127.0.0.1:" + app.port();
        try {
            driver.manage().deleteAllCookies();
            driver.get(base + "/");
            waitUpTo(10).until(d -> d.getCurrentUrl().endsWith("/signin.html"));
            assertEquals(401L, status(base + "/api/experiments"), "the API is closed before signing in");

            driver.findElement(By.id("signin-token")).sendKeys("wrong");
            driver.findElement(By.id("signin-button")).click();
            WebElement error = waitUpTo(10).until(d -> {
                WebElement e = d.findElement(By.id("signin-error"));
                return e.isDisplayed() ? e : null;
            });
            assertTrue(error.getText().contains("wrong token"), error.getText());
            assertTrue(driver.getCurrentUrl().endsWith("/signin.html"));

            WebElement input = driver.findElement(By.id("signin-token"));
            input.clear();
            input.sendKeys(token);
            driver.findElement(By.id("signin-button")).click();
            waitUpTo(15).until(d -> !d.findElements(By.cssSelector("[data-testid=experiment-row]")).isEmpty());
            assertTrue(driver.findElements(By.cssSelector("[data-testid=experiment-link]")).stream()
                    .anyMatch(l -> l.getText().equals(WebFixture.EXPERIMENT)));
            waitUpTo(10).until(d -> d.findElement(By.id("live")).getText().contains("live"));
            Cookie cookie = driver.manage().getCookieNamed("tuneboard_session");
            assertNotNull(cookie);
            assertTrue(cookie.isHttpOnly());
            assertEquals("Strict", cookie.getSameSite());
            assertFalse(cookie.isSecure());
            assertEquals(null, ((JavascriptExecutor) driver).executeScript("return document.cookie.includes('tuneboard_session') ? 'visible' : null"),
                    "the page's script cannot read the session");
            assertEquals(200L, status(base + "/api/experiments"));

            WebElement signOut = waitUpTo(10).until(d -> {
                WebElement b = d.findElement(By.id("sign-out"));
                return b.isDisplayed() ? b : null;
            });
            signOut.click();
            waitUpTo(10).until(d -> d.getCurrentUrl().endsWith("/signin.html"));
            assertEquals(401L, status(base + "/api/experiments"), "signed out: closed again");
            driver.get(base + "/");
            waitUpTo(10).until(d -> d.getCurrentUrl().endsWith("/signin.html"));
        } finally {
            driver.manage().deleteAllCookies();
            app.stop();
            server.close();
        }
    }

    /** The HTTP status a same-origin fetch from the current page gets. */
    private static long status(String url) {
        return ((Number) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => done(r.status), e => done(-1));", url)).longValue();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
