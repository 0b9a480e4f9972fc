package dev.tuneboard.web;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.run.Experiments;
import dev.tuneboard.run.RunListener;
import dev.tuneboard.run.StopSignal;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.LeaderboardQuery;
import dev.tuneboard.trial.TrialRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Draw a digit in real headless Chromium: a 7 drawn with pointer strokes (Selenium actions: move, press,
 * move, release) on the experiment page's canvas is read as 7 by the chosen model; the trial and compare
 * pages show their trials' predictions for a drawing too. The model is a quick one trained here on 6,000
 * real MNIST images (over 90% test accuracy), so a clearly drawn 7 is a fair question.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DigitPadBrowserTest {
    private static final String EXPERIMENT = "draw-a-digit";
    private static final String SPEC = """
            name: draw-a-digit
            data: {dir: data/mnist, train_limit: 6000, validation: 1000, test_limit: 1000}
            model:
              hidden_layers:
                - units: {choice: [128, 96]}
              dropout: 0.0
            training: {learning_rate: 0.002, batch_size: 32, epochs: 4}
            search: {algorithm: grid, trials: 2, parallelism: 2, seed: 1}
            objective: {metric: val_accuracy, direction: maximize}
            """;

    private static Tuneboard tuneboard;
    private static DashboardInBrowser browser;
    private static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        tuneboard = new Tuneboard(Files.createTempDirectory("tuneboard-digitpad-"), null);
        Experiments experiments = tuneboard.experiments();
        experiments.run(experiments.prepare(experiments.specs().parse(SPEC, "draw-a-digit.yaml")), RunListener.SILENT, new StopSignal());
        browser = new DashboardInBrowser(experiments);
        driver = browser.driver();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
        if (tuneboard != null) tuneboard.close();
    }

    @Test
    void a_drawn_7_is_read_as_7_by_the_chosen_model() throws Exception {
        List<TrialRecord> trials = trials();
        assertTrue(trials.get(0).testAccuracy() > 0.9, "the fixture's model is good enough: " + trials.get(0).testAccuracy());
        browser.open("/experiment/" + EXPERIMENT);
        WebElement canvas = padOf("experiment-name");
        browser.js("arguments[0].scrollIntoView({block: 'center'})", canvas);
        drawSeven(canvas);
        assertEquals("7", topDigit(0), "the top prediction shown");
        WebElement result = driver.findElements(By.cssSelector("[data-testid=digitpad-result]")).get(0);
        assertEquals(3, result.findElements(By.cssSelector("li")).size(), "top 3");
        assertTrue(result.getText().contains("%"), result.getText());
        Files.copy(driver.findElement(By.id("draw-card")).getScreenshotAs(OutputType.FILE).toPath(),
                DashboardInBrowser.SHOTS.resolve("draw-a-digit.png"), StandardCopyOption.REPLACE_EXISTING);

        driver.findElement(By.cssSelector("[data-testid=digitpad-clear]")).click();
        browser.waitUpTo(5).until(d -> d.findElements(By.cssSelector("[data-testid=digitpad-top] li")).isEmpty());
    }

    @Test
    void the_trial_and_compare_pages_answer_with_their_trials_models() throws Exception {
        List<TrialRecord> trials = trials();
        browser.open("/experiment/" + EXPERIMENT + "/trial/" + trials.get(1).number());
        WebElement canvas = padOf("trial-title");
        browser.js("arguments[0].scrollIntoView({block: 'center'})", canvas);
        drawSeven(canvas);
        assertEquals("7", topDigit(0));

        browser.open("/compare/" + trials.get(0).id() + "," + trials.get(1).id());
        canvas = padOf("compare-params");
        browser.js("arguments[0].scrollIntoView({block: 'center'})", canvas);
        assertEquals(2, driver.findElements(By.cssSelector("[data-testid=digitpad-result]")).size(), "one column per compared trial");
        drawSeven(canvas);
        assertEquals("7", topDigit(0));
        assertEquals("7", topDigit(1));
    }

    /** The page's preprocessing: the ink fits a 20×20 box and its centre of mass lands on the 28×28 centre. */
    @Test
    void drawings_are_preprocessed_as_mnist_digits_were() {
        browser.open("/experiment/" + EXPERIMENT);
        padOf("experiment-name");
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/js/digitpad.js').then(m => {
                  // An off-centre 60×150 bar in a 280×280 drawing.
                  const ink = new Float32Array(280 * 280);
                  for (let y = 20; y < 170; y++) for (let x = 190; x < 250; x++) ink[y * 280 + x] = 1;
                  const px = m.mnistPixels(ink, 280, 280);
                  let mass = 0, mx = 0, my = 0, x0 = 28, x1 = -1, y0 = 28, y1 = -1;
                  px.forEach((v, i) => { const x = i % 28, y = Math.floor(i / 28);
                    mass += v; mx += v * (x + 0.5); my += v * (y + 0.5);
                    if (v > 0) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); } });
                  done({ n: px.length, cx: mx / mass, cy: my / mass, w: x1 - x0 + 1, h: y1 - y0 + 1, blank: m.mnistPixels(new Float32Array(280 * 280), 280, 280) });
                });
                """);
        assertEquals(784L, ((Number) r.get("n")).longValue());
        assertEquals(14.0, ((Number) r.get("cx")).doubleValue(), 0.5, r.toString());
        assertEquals(14.0, ((Number) r.get("cy")).doubleValue(), 0.5, r.toString());
        assertEquals(20L, ((Number) r.get("h")).longValue(), "the long side fills the 20-pixel box: " + r);
        assertEquals(8L, ((Number) r.get("w")).longValue(), "the aspect ratio is kept (60:150 of 20): " + r);
        assertEquals(null, r.get("blank"), "an empty canvas is nothing to classify");
    }

    /** A 7 as people write it: a top bar, then a long stroke down and slightly left. Offsets from the canvas centre. */
    private static void drawSeven(WebElement canvas) {
        Actions a = new Actions(driver).moveToElement(canvas, -60, -85).clickAndHold();
        for (int i = 0; i < 6; i++) a.moveByOffset(20, 0);
        for (int i = 0; i < 9; i++) a.moveByOffset(-6, 20);
        a.release().perform();
    }

    /** The digit at the top of result column {@code i}, once a prediction has arrived and the last stroke's request is done. */
    private static String topDigit(int i) {
        try {
            return waitForTop(i);
        } catch (org.openqa.selenium.TimeoutException e) {
            try {
                Files.copy(driver.findElement(By.tagName("body")).getScreenshotAs(OutputType.FILE).toPath(),
                        DashboardInBrowser.SHOTS.resolve("draw-a-digit-failed.png"), StandardCopyOption.REPLACE_EXISTING);
            } catch (Exception ignored) {
                // the failure below says enough
            }
            throw new AssertionError("no prediction shown in column " + i + "; the pad says: "
                    + driver.findElement(By.cssSelector("[data-testid=digitpad]")).getText(), e);
        }
    }

    private static String waitForTop(int i) {
        return browser.waitUpTo(20).until(d -> {
            List<WebElement> columns = d.findElements(By.cssSelector("[data-testid=digitpad-result]"));
            List<WebElement> best = columns.get(i).findElements(By.cssSelector("li.best"));
            Object busy = browser.js("return document.querySelector('[data-testid=digitpad]').dataset.busy || ''");
            return best.isEmpty() || !"".equals(busy) ? null : best.get(0).getAttribute("data-digit");
        });
    }

    /** The pad's canvas once the page with element {@code pageId} has replaced the one before (the hash changes, the document stays). */
    private static WebElement padOf(String pageId) {
        return browser.waitUpTo(20).until(d -> d.findElements(By.id(pageId)).isEmpty() ? null
                : d.findElement(By.cssSelector("[data-testid=digitpad-canvas]")));
    }

    private static List<TrialRecord> trials() {
        ExperimentRecord e = tuneboard.store().find(EXPERIMENT).orElseThrow();
        return tuneboard.store().leaderboard(e.id(), LeaderboardQuery.best(true, 10));
    }
}
