package dev.tuneboard.web;

import dev.tuneboard.app.Tuneboard;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Pareto and hardest-images pages in real headless Chromium over really trained trials ({@link TradeoffFixture}). */
@Timeout(600)
class TradeoffBrowserTest {
    private static final Path SHOTS = Path.of("target/screenshots");
    private static DashboardServer server;
    private static Javalin app;
    private static HeadlessChromium chromium;
    private static WebDriver driver;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Tuneboard tb = TradeoffFixture.app();
        server = new DashboardServer(tb.experiments(), new DashboardServer.Options(null, Duration.ofMillis(500)));
        app = server.create().start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        chromium = new HeadlessChromium();
        driver = chromium.driver();
        driver.manage().window().setSize(new Dimension(1300, 1000));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) chromium.close();
        if (app != null) app.stop();
        if (server != null) server.close();
    }

    private static WebDriverWait waitUpTo(int seconds) {
        return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(seconds)).ignoring(StaleElementReferenceException.class);
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static void screenshot(String name) throws Exception {
        Path file = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void the_pareto_page_draws_every_trial_highlights_the_front_and_a_click_opens_the_trial() throws Exception {
        driver.get(base + "/#/experiment/" + TradeoffFixture.PARETO);
        waitUpTo(20).until(d -> !d.findElements(By.cssSelector("[data-testid=link-pareto]")).isEmpty());
        driver.findElement(By.cssSelector("[data-testid=link-pareto]")).click();
        waitUpTo(20).until(d -> d.findElements(By.cssSelector("[data-testid=pareto-point]")).size() == 8);
        List<WebElement> front = driver.findElements(By.cssSelector("[data-testid=pareto-point][data-front=true]"));
        assertTrue(!front.isEmpty(), "some trials are on the front");
        String line = driver.findElement(By.cssSelector("[data-testid=pareto-front-line]")).getAttribute("points");
        assertEquals(front.size(), line.trim().split(" ").length, "the front line joins the front's points");
        assertEquals(front.size(), driver.findElements(By.cssSelector("[data-testid=pareto-front-rows] tbody tr")).size());
        assertTrue(driver.findElement(By.id("pareto-note")).getText().contains(front.size() + " on the front"));
        screenshot("pareto");

        // Toggle to size: the same points, the front recomputed by the server for that axis.
        driver.findElement(By.cssSelector("[data-testid=against-parameters]")).click();
        waitUpTo(20).until(d -> d.findElement(By.cssSelector("[data-testid=against-parameters]")).getAttribute("class").contains("primary"));
        waitUpTo(20).until(d -> String.valueOf(js("return document.querySelector('#pareto-plot svg').textContent")).contains("parameters"));
        assertEquals(8, driver.findElements(By.cssSelector("[data-testid=pareto-point]")).size());

        WebElement target = driver.findElements(By.cssSelector("[data-testid=pareto-point][data-front=true]")).get(0);
        String number = target.getAttribute("data-number");
        // An SVG circle: click it through the browser's own event, as a user's click is delivered.
        ((JavascriptExecutor) driver).executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", target);
        waitUpTo(20).until(d -> d.getCurrentUrl().endsWith("#/experiment/" + TradeoffFixture.PARETO + "/trial/" + number));
        waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#app h1")).isEmpty()
                && d.findElement(By.cssSelector("#app h1")).getText().contains(number));
    }

    @Test
    void a_real_mouse_click_on_a_point_opens_its_trial() {
        driver.get(base + "/#/experiment/" + TradeoffFixture.PARETO + "/pareto");
        waitUpTo(20).until(d -> d.findElements(By.cssSelector("[data-testid=pareto-point]")).size() == 8);
        WebElement target = driver.findElements(By.cssSelector("[data-testid=pareto-point][data-front=true]")).get(0);
        String number = target.getAttribute("data-number");
        new org.openqa.selenium.interactions.Actions(driver).moveToElement(target).click().perform();
        waitUpTo(20).until(d -> d.getCurrentUrl().endsWith("/trial/" + number));
    }

    @Test
    void the_hardest_page_shows_the_most_missed_test_images_with_counts() throws Exception {
        driver.get(base + "/#/experiment/" + TradeoffFixture.PARETO + "/hardest");
        waitUpTo(20).until(d -> !d.findElements(By.cssSelector("[data-testid=hardest-sample]")).isEmpty());
        List<WebElement> samples = driver.findElements(By.cssSelector("[data-testid=hardest-sample]"));
        assertEquals(50, samples.size(), "the default limit; 1000 test images and 5 trials leave more than 50 misses");
        assertTrue(samples.get(0).getText().startsWith("wrong in "), samples.get(0).getText());
        assertTrue(samples.get(0).getText().contains(" of 5"), samples.get(0).getText());
        int first = Integer.parseInt(samples.get(0).getAttribute("data-wrong"));
        int last = Integer.parseInt(samples.get(samples.size() - 1).getAttribute("data-wrong"));
        assertTrue(first >= last);
        waitUpTo(20).until(d -> (Boolean) js("const i = document.querySelector('[data-testid=hardest-sample] img');"
                + " return i.complete && i.naturalWidth > 0"));
        screenshot("hardest");

        WebElement k = driver.findElement(By.cssSelector("[data-testid=hardest-k]"));
        k.clear();
        k.sendKeys("2");
        driver.findElement(By.cssSelector("[data-testid=hardest-apply]")).click();
        waitUpTo(20).until(d -> d.findElements(By.cssSelector("[data-testid=hardest-sample]")).stream()
                .allMatch(s -> s.getText().contains(" of 2")));
        assertEquals(2, driver.findElements(By.cssSelector("#hardest-trials a")).size());
    }
}
