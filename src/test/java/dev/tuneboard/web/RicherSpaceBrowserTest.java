package dev.tuneboard.web;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.run.Experiments;
import dev.tuneboard.run.RunListener;
import dev.tuneboard.run.StopSignal;
import dev.tuneboard.spec.ExperimentSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10's richer space in the dashboard, in real headless Chromium over a real run on a slice of MNIST: the
 * search-space card, the parallel coordinates, the importance chart, the leaderboard and the trial page show the
 * layer count, per-layer units, activation and schedule (by name), and the trial says which epoch was kept.
 */
@Timeout(300)
class RicherSpaceBrowserTest {
    private static final String SPEC = """
            name: richer-space
            data: {dir: data/mnist, train_limit: 2000, validation: 500, test_limit: 500}
            model:
              hidden_layers: {count: {int: [1, 2]}, units: {int: [16, 48]}}
              activation: {choice: [relu, gelu]}
              dropout: 0.1
              max_norm: 3.0
            training:
              learning_rate: {loguniform: [1.0e-3, 5.0e-3]}
              lr_schedule: {choice: [none, cosine]}
              weight_decay: 1.0e-4
              early_stopping: {patience: 1, min_delta: 0.5}
              batch_size: 64
              epochs: 3
            search: {algorithm: random, trials: 4, parallelism: 2, seed: 3}
            """;

    private static DashboardInBrowser browser;
    private static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        Tuneboard tb = new Tuneboard(Files.createTempDirectory("tuneboard-richer-"), null);
        Experiments experiments = tb.experiments();
        ExperimentSpec spec = experiments.specs().parse(SPEC, "richer-space.yaml");
        experiments.run(experiments.prepare(spec), RunListener.SILENT, new StopSignal());
        browser = new DashboardInBrowser(experiments);
        driver = browser.driver();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
    }

    @Test
    void experiment_page_shows_the_new_parameters_everywhere() {
        browser.open("/experiment/richer-space");
        browser.waitUpTo(20).until(d -> d.findElement(By.id("space")).getText().contains("activation"));
        String space = driver.findElement(By.id("space")).getText();
        for (String s : List.of("layers", "int[1, 2]", "layer2_units", "choice[relu, gelu]", "max_norm", "choice[none, cosine]", "weight_decay")) {
            assertTrue(space.contains(s), "search-space card lacks " + s + ": " + space);
        }
        browser.waitUpTo(20).until(d -> browser.js("const c = echarts.getInstanceByDom(document.getElementById('chart-parallel'));"
                + "return c && c.getOption().parallelAxis.length > 0") == Boolean.TRUE);
        @SuppressWarnings("unchecked")
        List<String> axes = (List<String>) browser.js("return echarts.getInstanceByDom(document.getElementById('chart-parallel'))"
                + ".getOption().parallelAxis.map(a => a.name)");
        assertEquals(List.of("layers", "layer1_units", "layer2_units", "activation", "dropout", "max_norm", "learning_rate",
                "lr_schedule", "weight_decay", "batch_size", "epochs", "objective"), axes);
        @SuppressWarnings("unchecked")
        List<String> activationAxis = (List<String>) browser.js("return echarts.getInstanceByDom(document.getElementById('chart-parallel'))"
                + ".getOption().parallelAxis.find(a => a.name === 'activation').data");
        assertEquals(List.of("relu", "leaky_relu", "elu", "gelu"), activationAxis);
        @SuppressWarnings("unchecked")
        List<String> importance = (List<String>) browser.js("return echarts.getInstanceByDom(document.getElementById('chart-importance'))"
                + ".getOption().yAxis[0].data");
        assertTrue(importance.containsAll(List.of("layers", "layer1_units", "learning_rate")), importance.toString());
        assertTrue(driver.findElement(By.id("importance-method")).getText().contains("η"));
        // The bar's tooltip says which measure scored it over how many trials (activation: eta, numbers: |rho|).
        for (String param : importance) {
            String tip = (String) browser.js("const c = echarts.getInstanceByDom(document.getElementById('chart-importance'));"
                    + "const o = c.getOption(); return o.tooltip[0].formatter({name: arguments[0], value: 0.5, "
                    + "dataIndex: o.yAxis[0].data.indexOf(arguments[0])})", param);
            String measure = param.equals("activation") || param.equals("lr_schedule") ? "η" : "|ρ|";
            // Over 4 trials chance alone reaches 0.5 easily: the tooltip says so.
            assertTrue(tip.matches(java.util.regex.Pattern.quote(param + ": 0.500 (" + measure + " over ")
                    + "\\d trials; chance level \\d\\.\\d\\d: this score says nothing yet\\)"), tip);
        }

        browser.waitUpTo(20).until(d -> !d.findElements(By.cssSelector("[data-testid=trial-row]")).isEmpty());
        String table = driver.findElement(By.id("leaderboard")).getText();
        assertTrue(table.contains("relu") || table.contains("gelu"), table);
        assertTrue(table.contains("best epoch 1 of 2 kept"), table);
    }

    @Test
    void trial_page_names_the_options_and_the_epoch_kept() {
        browser.open("/experiment/richer-space/trial/1");
        browser.waitUpTo(20).until(d -> d.findElement(By.id("trial-params")).getText().contains("activation"));
        String params = driver.findElement(By.id("trial-params")).getText();
        assertTrue(params.matches("(?s).*activation\\s+(relu|gelu).*"), params);
        assertTrue(params.matches("(?s).*lr_schedule\\s+(none|cosine).*"), params);
        String results = driver.findElement(By.id("trial-results")).getText();
        assertTrue(results.contains("early stopping: val_accuracy did not improve by more than 0.5 for 1 epochs; best epoch 1 of 2 kept"), results);
    }
}
