package dev.tuneboard.web;

import dev.tuneboard.run.Experiments;
import io.javalin.Javalin;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * What every dashboard browser test starts: a real dashboard on a free loopback port (live updates every 500 ms)
 * and {@link HeadlessChromium} to look at it. Closing stops them in reverse order.
 */
final class DashboardInBrowser implements AutoCloseable {
    /** Screenshots for people to look at; tests run from the project folder. */
    static final Path SHOTS = Path.of("target/screenshots");

    private final DashboardServer server;
    private final Javalin app;
    private final HeadlessChromium chromium;

    DashboardInBrowser(Experiments experiments) throws Exception {
        DashboardServer server = new DashboardServer(experiments, new DashboardServer.Options(null, Duration.ofMillis(500)));
        Javalin app = null;
        try {
            app = server.create().start("127.0.0.1", 0);
            this.chromium = new HeadlessChromium();
            Files.createDirectories(SHOTS);
        } catch (Throwable t) {
            // No chromium (the test fails saying so): the server must not outlive the test class.
            if (app != null) app.stop();
            server.close();
            throw t;
        }
        this.server = server;
        this.app = app;
    }

    DashboardServer server() {
        return server;
    }

    WebDriver driver() {
        return chromium.driver();
    }

    String base() {
        return "http://127.0.0.1:" + app.port();
    }

    /** Opens the page at {@code hash} (as "/experiment/x"), the single-page app's route. */
    void open(String hash) {
        driver().get(base() + "/#" + hash);
    }

    WebDriverWait waitUpTo(int seconds) {
        // Pages re-render parts of themselves (sorting, live updates): a stale element just means "look again".
        return (WebDriverWait) new WebDriverWait(driver(), Duration.ofSeconds(seconds))
                .ignoring(StaleElementReferenceException.class);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver()).executeScript(script, args);
    }

    /** The window as it is now, to SHOTS/NAME.png. */
    void screenshot(String name) throws Exception {
        Path file = ((TakesScreenshot) driver()).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        chromium.close();
        app.stop();
        server.close();
    }
}
