package dev.tuneboard.web;

import dev.tuneboard.trial.Objective;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dashboard in real headless Chromium (Debian's chromium + chromium-driver; Selenium Manager never
 * downloads anything). Without chromium these tests FAIL, saying how to install it: they never skip.
 */
class DashboardBrowserTest {
    private static DashboardInBrowser browser;
    private static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        browser = new DashboardInBrowser(WebFixture.app().experiments());
        driver = browser.driver();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
    }

    private static WebDriverWait waitUpTo(int seconds) {
        return browser.waitUpTo(seconds);
    }

    private static Object js(String script, Object... args) {
        return browser.js(script, args);
    }

    private static void open(String hash) {
        browser.open(hash);
    }

    /** Screenshot of the whole page: the window grows to the document's height first. */
    private static void screenshot(String name) throws Exception {
        long height = ((Number) js("return Math.max(document.body.scrollHeight, 900)")).longValue();
        driver.manage().window().setSize(new Dimension(1400, (int) Math.min(height + 40, 4000)));
        js("window.scrollTo(0, 0)");
        Thread.sleep(600); // charts resize and re-draw (their animation) after the window changes
        browser.screenshot(name);
        driver.manage().window().setSize(new Dimension(1400, 1000));
    }

    private static void waitForChart(String id) {
        waitUpTo(15).until(d -> !d.findElements(By.cssSelector("#" + id + " canvas")).isEmpty());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void experimentsListShowsMarkupNamesAsText() throws Exception {
        open("/");
        waitUpTo(15).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=experiment-row]")));
        List<WebElement> links = driver.findElements(By.cssSelector("[data-testid=experiment-link]"));
        assertTrue(links.stream().anyMatch(l -> l.getText().equals(WebFixture.SCRIPT_NAME)), "the <script> name is shown as text");
        assertTrue(links.stream().anyMatch(l -> l.getText().equals(WebFixture.EXPERIMENT)));
        assertEquals(0L, js("return document.querySelectorAll('#app script').length"));
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
        waitUpTo(10).until(d -> d.findElement(By.id("live")).getText().contains("live"));
        screenshot("experiments");

        // The list re-renders on live updates: find the link afresh until the click lands.
        waitUpTo(10).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.findElements(By.cssSelector("[data-testid=experiment-link]")).stream()
                    .filter(l -> l.getText().equals(WebFixture.SCRIPT_NAME)).findFirst().orElseThrow().click();
            return true;
        });
        waitUpTo(10).until(d -> d.findElement(By.id("experiment-name")).getText().equals(WebFixture.SCRIPT_NAME));
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
    }

    @Test
    void experimentPageSortsFiltersAndDrawsCharts() throws Exception {
        open("/experiment/" + WebFixture.EXPERIMENT);
        waitUpTo(15).until(d -> d.findElements(By.cssSelector("[data-testid=trial-row]")).size() == 4);
        waitForChart("chart-history");
        waitForChart("chart-parallel");
        waitForChart("chart-importance");
        assertTrue(driver.findElement(By.id("importance-method")).getText().contains("Spearman"));
        // Nothing absent is written out as text (replaceChildren turns a null child into "null").
        waitUpTo(10).until(d -> !d.findElements(By.id("retrain-button")).isEmpty());
        String toolbar = waitUpTo(10).until(d -> d.findElement(By.cssSelector("#app .toolbar")).getText());
        assertTrue(!toolbar.contains("null") && !toolbar.contains("undefined"), toolbar);

        driver.findElement(By.cssSelector("[data-testid=sort-number]")).click();
        waitUpTo(10).until(d -> d.findElement(By.cssSelector("[data-testid=sort-number]")).getAttribute("class").contains("sorted-"));
        List<Integer> numbers = numbers();
        driver.findElement(By.cssSelector("[data-testid=sort-number]")).click();
        waitUpTo(10).until(d -> !numbers().equals(numbers));
        List<Integer> reversed = numbers();
        assertEquals(List.of(numbers.get(3), numbers.get(2), numbers.get(1), numbers.get(0)), reversed);

        driver.findElement(By.cssSelector("[data-testid=filter-failed]")).click();
        waitUpTo(10).until(d -> d.findElements(By.cssSelector("[data-testid=trial-row]")).isEmpty());
        assertEquals("0 trials", driver.findElement(By.id("page-info")).getText());
        driver.findElement(By.cssSelector("[data-testid=filter-failed]")).click();
        waitUpTo(10).until(d -> d.findElements(By.cssSelector("[data-testid=trial-row]")).size() == 4);
        assertTrue(driver.findElement(By.id("export-csv")).getAttribute("href").contains("/trials.csv"));
        screenshot("experiment");
    }

    private static List<Integer> numbers() {
        @SuppressWarnings("unchecked")
        List<Number> n = (List<Number>) js("return [...document.querySelectorAll('[data-testid=trial-row]')].map(r => +r.dataset.number)");
        return n.stream().map(Number::intValue).toList();
    }

    @Test
    void trialPageShowsConfusionMatrixAndMisclassifiedDigits() throws Exception {
        open("/experiment/" + WebFixture.EXPERIMENT);
        waitUpTo(15).until(d -> d.findElements(By.cssSelector("[data-testid=trial-link]")).size() == 4);
        clickFresh(By.cssSelector("[data-testid=trial-link]"), 0);
        waitForChart("chart-confusion");
        waitForChart("chart-curves");
        waitUpTo(15).until(d -> !d.findElements(By.cssSelector("#gallery-misclassified img")).isEmpty());
        waitUpTo(15).until(d -> (Boolean) js("const imgs = [...document.querySelectorAll('#gallery-misclassified img, #gallery-correct img')];"
                + "imgs.forEach(i => i.loading = 'eager');"
                + "return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0)"));
        assertEquals(112L, js("return document.querySelector('#gallery-misclassified img').naturalWidth"));
        assertTrue(driver.findElements(By.cssSelector("#gallery-correct img")).size() > 0);
        waitUpTo(10).until(d -> d.findElement(By.id("trial-provenance")).getText().contains("1.0.0-M2.1"));
        assertTrue(driver.findElement(By.id("trial-provenance")).getText().contains("OMP_NUM_THREADS=1"));
        screenshot("trial");

        // Click the confusion cell of the first misclassified digit: the gallery narrows to that true/predicted pair.
        String caption = driver.findElement(By.cssSelector("#gallery-misclassified figcaption div")).getText();
        var m = java.util.regex.Pattern.compile("true (\\d+) → pred (\\d+)").matcher(caption);
        assertTrue(m.find(), caption);
        int trueLabel = Integer.parseInt(m.group(1));
        int predicted = Integer.parseInt(m.group(2));
        WebElement box = driver.findElement(By.id("chart-confusion"));
        js("arguments[0].scrollIntoView({block: 'center'})", box);
        Thread.sleep(300);
        // Grid insets as in web/js/charts.js confusionOption: left 46, right 10, top 14, bottom 40.
        double cellW = (box.getSize().getWidth() - 56) / 10.0;
        double cellH = (box.getSize().getHeight() - 54) / 10.0;
        int x = (int) (46 + (predicted + 0.5) * cellW) - box.getSize().getWidth() / 2;
        int y = (int) (14 + (trueLabel + 0.5) * cellH) - box.getSize().getHeight() / 2;
        new Actions(driver).moveToElement(box, x, y).click().perform();
        waitUpTo(10).until(d -> new Select(d.findElement(By.id("filter-true"))).getFirstSelectedOption().getText()
                .equals(String.valueOf(trueLabel)));
        waitUpTo(10).until(d -> d.findElement(By.id("gallery-note")).getText().contains("predicted " + predicted));
        for (WebElement fig : driver.findElements(By.cssSelector("#gallery-misclassified figcaption"))) {
            assertTrue(fig.getText().startsWith("true " + trueLabel + " → pred " + predicted), fig.getText());
        }
    }

    @Test
    void comparesTwoTrials() throws Exception {
        open("/experiment/" + WebFixture.EXPERIMENT);
        waitUpTo(15).until(d -> d.findElements(By.cssSelector("[data-testid=select-trial]")).size() == 4);
        // Live updates (other tests write to the shared store) may re-render the table between finding and
        // clicking; the page keeps the selection, so find the box afresh for each click.
        clickFresh(By.cssSelector("[data-testid=select-trial]"), 0);
        assertTrue(!driver.findElement(By.id("compare-button")).isEnabled());
        clickFresh(By.cssSelector("[data-testid=select-trial]"), 1);
        waitUpTo(5).until(ExpectedConditions.elementToBeClickable(By.id("compare-button"))).click();
        waitUpTo(15).until(d -> !d.findElements(By.cssSelector("[data-testid=param-row]")).isEmpty());
        assertTrue(driver.findElements(By.cssSelector("[data-testid=param-row][data-differs=true]")).size() > 0,
                "sampled params differ between trials and are marked");
        waitForChart("chart-compare-curves");
        waitForChart("chart-confusion-diff-0");
        assertEquals(2, driver.findElements(By.cssSelector("[data-testid=compare-confusion] canvas")).size());
        assertTrue(driver.findElements(By.cssSelector("[data-testid=fixed-list] li, [data-testid=introduced-list] li")).size() > 0);
        screenshot("compare");
    }

    @Test
    @SuppressWarnings("unchecked")
    void comparesExperimentsOverTime() throws Exception {
        open("/");
        waitUpTo(15).until(d -> !d.findElements(By.cssSelector("[data-testid=link-anytime]")).isEmpty());
        waitUpTo(10).until(d -> {
            d.findElement(By.cssSelector("[data-testid=link-anytime]")).click();
            return d.getCurrentUrl().endsWith("#/anytime");
        });
        waitUpTo(15).until(d -> d.findElements(By.cssSelector("[data-testid=anytime-choice]")).size() >= 3);
        java.util.Set<String> wanted = java.util.Set.of(WebFixture.EXPERIMENT, WebFixture.SCRIPT_NAME, WebFixture.COMMA_NAME);
        for (WebElement box : driver.findElements(By.cssSelector("[data-testid=anytime-choice]"))) {
            if (wanted.contains(box.getAttribute("value"))) box.click();
        }
        driver.findElement(By.cssSelector("[data-testid=anytime-go]")).click();
        waitForChart("chart-anytime");
        waitUpTo(15).until(d -> d.findElements(By.cssSelector("[data-testid=anytime-row]")).size() == 3);
        // The choice is in the address, each name whole: a comma inside a name does not split it.
        assertTrue(driver.getCurrentUrl().contains("/" + enc(WebFixture.COMMA_NAME)),
                driver.getCurrentUrl());
        List<String> series = (List<String>) js("return echarts.getInstanceByDom(document.getElementById('chart-anytime'))"
                + ".getOption().series.map(s => s.name)");
        assertEquals(wanted, new java.util.HashSet<>(series));

        // The fixture's line ends at its chosen trial's objective; the empty experiments say they have none yet.
        Double best = (Double) js("const s = echarts.getInstanceByDom(document.getElementById('chart-anytime')).getOption()"
                + ".series.find(s => s.name === arguments[0]); return s.data[s.data.length - 1].value[1];", WebFixture.EXPERIMENT);
        double chosen = WebFixture.app().store().leaderboard(WebFixture.app().store().find(WebFixture.EXPERIMENT).orElseThrow().id(),
                new dev.tuneboard.store.LeaderboardQuery("objective", true,
                        java.util.Set.of(dev.tuneboard.trial.TrialStatus.COMPLETED), 0, 1)).get(0).objective();
        assertEquals(chosen, best, 1e-12);
        // The table re-renders on live updates (other tests write to the shared store): find rows afresh.
        By fixtureRow = By.cssSelector("[data-testid=anytime-row][data-name='" + WebFixture.EXPERIMENT + "']");
        String expected = String.format(java.util.Locale.ROOT, "%.4f", chosen);
        waitUpTo(10).until(d -> d.findElement(fixtureRow).findElement(By.cssSelector("[data-testid=anytime-best]")).getText()
                .equals(expected));
        String note = driver.findElement(By.id("anytime-note")).getText();
        assertTrue(note.contains(WebFixture.SCRIPT_NAME) && note.contains(WebFixture.COMMA_NAME), note);
        assertEquals(0L, js("return document.querySelectorAll('#app script').length"));
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
        screenshot("anytime");

        // A point on the line is a trial: the row's link opens it.
        String[] trial = new String[1];
        waitUpTo(10).until(d -> {
            WebElement link = d.findElement(fixtureRow).findElements(By.cssSelector("td a")).get(1);
            trial[0] = link.getText();
            link.click();
            return true;
        });
        waitUpTo(15).until(d -> d.getCurrentUrl().endsWith("/experiment/" + WebFixture.EXPERIMENT + "/trial/" + trial[0]));
    }

    private void clickFresh(By selector, int index) {
        waitUpTo(10).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.findElements(selector).get(index).click();
            return true;
        });
    }

    @Test
    void submitShowsSpecErrorsThenQueuesAValidSpec() throws Exception {
        open("/submit");
        WebElement text = waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("spec-input")));
        js("arguments[0].value = arguments[1]", text, "name: bad-one\nmodel:\n  dropout: {uniform: [0.5, 0.1]}\n");
        driver.findElement(By.id("submit-button")).click();
        WebElement error = waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=spec-error]")));
        assertTrue(error.getText().matches("(?s)line 3, column \\d+: model\\.dropout.*"), error.getText());
        screenshot("submit-errors");

        js("arguments[0].value = arguments[1]", text, WebFixture.quickSpec("browser-submitted"));
        driver.findElement(By.id("submit-button")).click();
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=submit-ok]")));
        driver.findElement(By.id("submitted-link")).click();
        waitUpTo(10).until(d -> d.findElement(By.id("experiment-name")).getText().equals("browser-submitted"));
        // Live updates: the page follows the run to the end without a reload.
        waitUpTo(90).until(d -> d.findElements(By.cssSelector("#app .status.completed")).size() >= 2);
        // The stats re-render on every live update: read them inside a wait that looks again when one lands
        // between finding the element and reading it (a stale element failed this once in a full run).
        waitUpTo(10).until(d -> d.findElement(By.id("stat-progress")).getText().equals("1 / 1"));
    }

    @Test
    @Timeout(120)
    void trialLinksUseExperimentAndNumberAndIdLinksRedirect() {
        open("/experiment/" + WebFixture.EXPERIMENT);
        waitUpTo(15).until(d -> d.findElements(By.cssSelector("[data-testid=trial-link]")).size() == 4);
        String prefix = "#/experiment/" + WebFixture.EXPERIMENT + "/trial/";
        assertEquals(Boolean.TRUE, js("return [...document.querySelectorAll('[data-testid=trial-row]')].every(r =>"
                + " r.querySelector('[data-testid=trial-link]').getAttribute('href') === arguments[0] + r.dataset.number)", prefix));
        long id = ((Number) js("return +document.querySelector('[data-testid=trial-row]').dataset.trialId")).longValue();
        long number = ((Number) js("return +document.querySelector('[data-testid=trial-row]').dataset.number")).longValue();

        // The old address by row id lands on the address by number.
        open("/trial/" + id);
        waitUpTo(15).until(d -> d.getCurrentUrl().endsWith(prefix + number));
        waitUpTo(15).until(d -> d.findElement(By.id("trial-title")).getText().equals("Trial " + number));
        waitForChart("chart-curves");

        // A number with two attempts: the number shows the latest; the first attempt has its own address.
        String name = "browser-two-attempts";
        var store = browser.server().store();
        var e = store.create(new dev.tuneboard.store.NewExperiment(name, "name: " + name + "\n", "0", "0", Objective.VAL_ACCURACY, 1, 1));
        var first = store.start(e.id(), 0, 1, Map.of("dropout", 0.1), new double[]{0.5}, 5, "test");
        store.end(first.id(), dev.tuneboard.trial.TrialStatus.FAILED, "out of memory", 1.0);
        var second = store.start(e.id(), 0, 2, Map.of("dropout", 0.2), new double[]{0.5}, 6, "test");
        store.end(second.id(), dev.tuneboard.trial.TrialStatus.STOPPED, "stopped by test", 1.0);
        open("/experiment/" + name + "/trial/0");
        waitUpTo(15).until(d -> d.findElement(By.id("trial-title")).getText().equals("Trial 0 (attempt 2)"));
        open("/trial/" + first.id());
        waitUpTo(15).until(d -> d.getCurrentUrl().endsWith("#/experiment/" + name + "/trial/0/attempt/1"));
        waitUpTo(15).until(d -> d.findElement(By.id("trial-title")).getText().equals("Trial 0"));
        // Live updates may re-render the page meanwhile: look again until the note is there.
        waitUpTo(10).until(d -> d.findElement(By.id("trial-results")).getText().contains("out of memory"));
        open("/trial/" + second.id());
        waitUpTo(15).until(d -> d.getCurrentUrl().endsWith("#/experiment/" + name + "/trial/0"));
        open("/experiment/" + name + "/trial/7");
        waitUpTo(15).until(d -> d.findElement(By.cssSelector("[data-testid=page-error]")).getText().contains("no trial 7"));
    }

    @SuppressWarnings("unchecked")
    @Test
    void downloadsTheBestModel() {
        open("/experiment/" + WebFixture.EXPERIMENT);
        WebElement link = waitUpTo(15).until(ExpectedConditions.presenceOfElementLocated(By.id("download-best")));
        assertTrue(link.getAttribute("href").endsWith("/api/experiments/" + WebFixture.EXPERIMENT + "/best-model"));
        Map<String, Object> r = (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(async r => { const b = new Uint8Array(await r.arrayBuffer());"
                        + "done({status: r.status, type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'),"
                        + " magic: String.fromCharCode(b[0], b[1]), size: b.length}); }).catch(e => done({error: String(e)}));",
                link.getAttribute("href"));
        assertEquals(200L, r.get("status"), r.toString());
        assertEquals("application/zip", r.get("type"));
        assertTrue(String.valueOf(r.get("disposition")).startsWith("attachment"));
        assertEquals("PK", r.get("magic"));
        assertTrue(((Number) r.get("size")).longValue() > 1000);
    }

    /** The experiment page's "Retrain on train+validation": clicked, it runs in the background, then offers the download. */
    @SuppressWarnings("unchecked")
    @Test
    @Timeout(300)
    void retrainsTheChosenTrialFromItsButtonAndOffersTheDownload() throws Exception {
        String name = "browser-retrain";
        var experiments = WebFixture.app().experiments();
        experiments.run(experiments.prepare(experiments.specs().parse(WebFixture.quickSpec(name), name + ".yaml")),
                dev.tuneboard.run.RunListener.SILENT, new dev.tuneboard.run.StopSignal());
        open("/experiment/" + name);
        WebElement button = waitUpTo(15).until(ExpectedConditions.elementToBeClickable(By.id("retrain-button")));
        assertEquals("Retrain on train+validation", button.getText());
        button.click();
        WebElement link = waitUpTo(180).until(ExpectedConditions.presenceOfElementLocated(By.id("download-retrained")));
        assertEquals("Download retrained model", link.getText());
        assertTrue(link.getAttribute("href").endsWith("/api/experiments/" + name + "/retrained-model"));
        assertTrue(driver.findElement(By.id("retrained-note")).getText().contains("3000 train+validation images"),
                driver.findElement(By.id("retrained-note")).getText());
        Map<String, Object> r = (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(async r => { const b = new Uint8Array(await r.arrayBuffer());"
                        + "done({status: r.status, magic: String.fromCharCode(b[0], b[1])}); }).catch(e => done({error: String(e)}));",
                link.getAttribute("href"));
        assertEquals(200L, r.get("status"), r.toString());
        assertEquals("PK", r.get("magic"));
        screenshot("experiment-retrained");
    }
}
