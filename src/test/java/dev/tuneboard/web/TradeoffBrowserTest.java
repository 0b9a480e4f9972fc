package dev.tuneboard.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Pareto and hardest-images pages in real headless Chromium over really trained trials ({@link TradeoffFixture}). */
@Timeout(600)
class TradeoffBrowserTest {
    private static DashboardInBrowser browser;
    private static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        browser = new DashboardInBrowser(TradeoffFixture.app().experiments());
        driver = browser.driver();
        driver.manage().window().setSize(new Dimension(1300, 1000));
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
    }

    @Test
    void the_pareto_page_draws_every_trial_highlights_the_front_and_a_click_opens_the_trial() throws Exception {
        browser.open("/experiment/" + TradeoffFixture.PARETO);
        browser.waitUpTo(20).until(d -> !d.findElements(By.cssSelector("[data-testid=link-pareto]")).isEmpty());
        driver.findElement(By.cssSelector("[data-testid=link-pareto]")).click();
        browser.waitUpTo(20).until(d -> d.findElements(By.cssSelector("[data-testid=pareto-point]")).size() == 8);
        List<WebElement> front = driver.findElements(By.cssSelector("[data-testid=pareto-point][data-front=true]"));
        assertTrue(!front.isEmpty(), "some trials are on the front");
        String line = driver.findElement(By.cssSelector("[data-testid=pareto-front-line]")).getAttribute("points");
        assertEquals(front.size(), line.trim().split(" ").length, "the front line joins the front's points");
        assertEquals(front.size(), driver.findElements(By.cssSelector("[data-testid=pareto-front-rows] tbody tr")).size());
        assertTrue(driver.findElement(By.id("pareto-note")).getText().contains(front.size() + " on the front"));
        browser.screenshot("pareto");

        // Toggle to size: the same points, the front recomputed by the server for that axis.
        driver.findElement(By.cssSelector("[data-testid=against-parameters]")).click();
        browser.waitUpTo(20).until(d -> d.findElement(By.cssSelector("[data-testid=against-parameters]")).getAttribute("class").contains("primary"));
        browser.waitUpTo(20).until(d -> String.valueOf(browser.js("return document.querySelector('#pareto-plot svg').textContent")).contains("parameters"));
        assertEquals(8, driver.findElements(By.cssSelector("[data-testid=pareto-point]")).size());

        WebElement target = driver.findElements(By.cssSelector("[data-testid=pareto-point][data-front=true]")).get(0);
        String number = target.getAttribute("data-number");
        // An SVG circle: click it through the browser's own event, as a user's click is delivered.
        browser.js("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", target);
        browser.waitUpTo(20).until(d -> d.getCurrentUrl().endsWith("#/experiment/" + TradeoffFixture.PARETO + "/trial/" + number));
        browser.waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#app h1")).isEmpty()
                && d.findElement(By.cssSelector("#app h1")).getText().contains(number));
    }

    @Test
    void a_real_mouse_click_on_a_point_opens_its_trial() {
        browser.open("/experiment/" + TradeoffFixture.PARETO + "/pareto");
        browser.waitUpTo(20).until(d -> d.findElements(By.cssSelector("[data-testid=pareto-point]")).size() == 8);
        WebElement target = driver.findElements(By.cssSelector("[data-testid=pareto-point][data-front=true]")).get(0);
        String number = target.getAttribute("data-number");
        new org.openqa.selenium.interactions.Actions(driver).moveToElement(target).click().perform();
        browser.waitUpTo(20).until(d -> d.getCurrentUrl().endsWith("/trial/" + number));
    }

    @Test
    void the_hardest_page_shows_the_most_missed_test_images_with_counts() throws Exception {
        browser.open("/experiment/" + TradeoffFixture.PARETO + "/hardest");
        browser.waitUpTo(20).until(d -> !d.findElements(By.cssSelector("[data-testid=hardest-sample]")).isEmpty());
        List<WebElement> samples = driver.findElements(By.cssSelector("[data-testid=hardest-sample]"));
        assertEquals(50, samples.size(), "the default limit; 1000 test images and 5 trials leave more than 50 misses");
        assertTrue(samples.get(0).getText().startsWith("wrong in "), samples.get(0).getText());
        assertTrue(samples.get(0).getText().contains(" of 5"), samples.get(0).getText());
        int first = Integer.parseInt(samples.get(0).getAttribute("data-wrong"));
        int last = Integer.parseInt(samples.get(samples.size() - 1).getAttribute("data-wrong"));
        assertTrue(first >= last);
        browser.waitUpTo(20).until(d -> (Boolean) browser.js("const i = document.querySelector('[data-testid=hardest-sample] img');"
                + " return i.complete && i.naturalWidth > 0"));
        browser.screenshot("hardest");

        WebElement k = driver.findElement(By.cssSelector("[data-testid=hardest-k]"));
        k.clear();
        k.sendKeys("2");
        driver.findElement(By.cssSelector("[data-testid=hardest-apply]")).click();
        browser.waitUpTo(20).until(d -> d.findElements(By.cssSelector("[data-testid=hardest-sample]")).stream()
                .allMatch(s -> s.getText().contains(" of 2")));
        assertEquals(2, driver.findElements(By.cssSelector("#hardest-trials a")).size());
    }
}
