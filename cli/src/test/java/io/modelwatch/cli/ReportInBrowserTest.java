package io.modelwatch.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the demo's {@code report.html} from disk in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, installed by {@code .ci/run}) and checks what a person sees.
 */
class ReportInBrowserTest {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    @TempDir
    static Path dir;
    static WebDriver browser;
    static Path report;

    @BeforeAll
    static void openReport() throws Exception {
        assertThat(new File(CHROMIUM)).as("Debian chromium (apt-get install chromium chromium-driver)").exists();
        assertThat(new File(CHROMEDRIVER)).as("Debian chromium-driver").exists();
        Path out = dir.resolve("demo");
        assertThat(CliFixture.run("demo", "--out", out.toString(), "-q").exitCode()).isZero();
        report = out.resolve("report.html");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chrome"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.get(report.toUri().toString());
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsTheModelAndDateInTheTitle() {
        assertThat(browser.getTitle()).contains("churn-model").contains("2026-11-27");
        assertThat(browser.findElement(By.id("snapshot-date")).getText()).isEqualTo("2026-11-27");
    }

    @Test
    void listsTheHighAlertForTheDriftedFeature() {
        List<WebElement> rows = browser.findElements(By.cssSelector("#alerts tr.alert"));
        assertThat(rows).isNotEmpty();
        assertThat(rows).anySatisfy(r -> assertThat(r.getText()).contains("HIGH").contains("account_age"));
    }

    @Test
    void drawsAReferenceVsCurrentChartForTheDriftedFeature() {
        WebElement chart = browser.findElement(By.cssSelector("#distributions figure.chart[data-column='account_age']"));
        assertThat(chart.isDisplayed()).isTrue();
        List<WebElement> bars = chart.findElements(By.cssSelector("svg rect.cur"));
        assertThat(bars).hasSizeGreaterThan(2);
        assertThat(chart.findElement(By.tagName("svg")).getSize().getWidth()).isGreaterThan(300);
    }

    @Test
    void drawsRocPrAndCalibrationChartsOfTheCurrentBatchAndTheReference() {
        for (String chart : List.of("roc", "pr", "calibration")) {
            WebElement figure = browser.findElement(By.cssSelector("#performance figure.chart[data-chart='" + chart + "']"));
            assertThat(figure.isDisplayed()).as(chart).isTrue();
            assertThat(figure.findElements(By.cssSelector("svg polyline.curve"))).as(chart).hasSize(2);
            assertThat(figure.findElements(By.cssSelector("svg text.tick"))).extracting(WebElement::getText)
                    .as(chart + " axis ticks").contains("0.0", "0.2", "1.0");
        }
        assertThat(browser.findElement(By.cssSelector("figure[data-chart='roc'] figcaption")).getText()).contains("ROC AUC");
    }

    @Test
    void chartLabelsAreReadableNumbers() {
        // a bin edge is rounded for the axis (snapshot.json keeps it exact): no float64 noise like 0.4772000000000001
        List<WebElement> labels = browser.findElements(By.cssSelector("figure.chart svg text"));
        assertThat(labels).isNotEmpty();
        assertThat(labels).extracting(WebElement::getText).noneMatch(t -> t.matches(".*\\d\\.\\d{6,}.*"));
    }

    @Test
    void rendersTheDriftPerformanceSegmentAndQualitySections() {
        assertThat(browser.findElement(By.cssSelector("#drift table")).getText()).contains("account_age").contains("wasserstein");
        assertThat(browser.findElement(By.id("performance")).getText()).contains("Recall").contains("Confusion matrix");
        assertThat(browser.findElement(By.id("segments")).getText()).contains("Month-to-month");
        assertThat(browser.findElement(By.id("quality")).isDisplayed()).isTrue();
    }
}
