package io.modelwatch.report.rest;

import io.modelwatch.core.report.Figures;
import io.modelwatch.report.testing.DashboardHistory;
import io.modelwatch.report.testing.SixtyDays;
import io.modelwatch.support.testing.TestKeys;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every dashboard page in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) on 60 seeded
 * days of two models: the numbers shown are checked against the database, the selectors are used, the charts
 * must have drawn their points, and each page is saved as {@code target/dashboard-screenshots/<page>.png}.
 */
@QuarkusTest
class DashboardInBrowserTest {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    static WebDriver browser;

    @TestHTTPResource("/")
    URL base;
    @Inject
    EntityManager em;

    DashboardHistory.Seeded seeded;

    @BeforeAll
    static void openBrowser() throws Exception {
        assertThat(new File(CHROMIUM)).as("Debian chromium (apt-get install chromium chromium-driver)").exists();
        assertThat(new File(CHROMEDRIVER)).as("Debian chromium-driver").exists();
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--window-size=1440,1200", "--user-data-dir=" + Files.createTempDirectory("chrome"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        // a person opening the dashboard answers the Basic challenge with a reader key; every request of the pages
        // (documents, scripts, the JSON they fetch) carries it, as a browser's cached Basic credentials would
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(("viewer:" + TestKeys.READER).getBytes(StandardCharsets.UTF_8)))));
        browser = chrome;
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void seed() {
        seeded = SixtyDays.get();
    }

    @Test
    void overviewShowsTheLatestRunsFiguresFromTheDatabaseAndTheModelSelectorSwitches() throws Exception {
        open("/dashboard/churn-eu");
        String latest = latestRun("churn-eu");
        assertThat(text("#fig-recall .v")).isEqualTo(Figures.num(metric(latest, "estimated_performance", "recall", null, null)));
        assertThat(text("#fig-recall .l")).contains("estimated");
        assertThat(text("#fig-churn_rate .v")).isEqualTo(Figures.pct(metric(latest, "concept", "predicted_churn_rate", null, null)));
        assertThat(text("#fig-alerts_high .v")).isEqualTo(String.valueOf(scalar(
                "select alerts_high from report.run_report where run_id = ?1", latest)));
        assertThat(browser.findElements(By.cssSelector("#recent tr.run"))).hasSize(30);
        assertThat(drawn("chart-recent")).isEqualTo(30);
        screenshot("overview");

        new Select(browser.findElement(By.id("model-select"))).selectByValue("churn-us");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/dashboard/churn-us"));
        assertThat(text("h1")).contains("churn-us");
        assertThat(text("#fig-recall .v")).isEqualTo(Figures.num(
                metric(latestRun("churn-us"), "estimated_performance", "recall", null, null)));
    }

    @Test
    void driftListsEveryColumnAndDrawsTheChosenColumnsDistributionAndHistory() throws Exception {
        open("/dashboard/churn-eu/drift");
        String latest = latestRun("churn-eu");
        long columns = ((Number) scalar("select count(*) from report.run_metrics where run_id = ?1 and category = 'drift'"
                + " and name <> 'share_drifted_columns'", latest)).longValue();
        assertThat(browser.findElements(By.cssSelector("#drift-columns tr.column"))).hasSize((int) columns);
        new Select(browser.findElement(By.id("column-select"))).selectByValue("monthly_charges");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("column=monthly_charges"));
        WebElement row = browser.findElement(By.cssSelector("#drift-columns tr[data-column='monthly_charges']"));
        assertThat(row.findElement(By.cssSelector("td.psi")).getText())
                .isEqualTo(Figures.num(metric(latest, "psi", "psi", "monthly_charges", null)));
        assertThat(drawn("chart-distribution")).isEqualTo(10);
        assertThat(drawn("chart-drift-history")).isEqualTo(2 * SixtyDays.DAYS);
        screenshot("drift");
    }

    @Test
    void performanceDrawsRealisedAndEstimatedOnOneAxisAndTheCurvesOfAMaturedRun() throws Exception {
        String matured = seeded.runs().get("churn-us").get(seeded.first());
        open("/dashboard/churn-us/performance?run=" + matured);
        assertThat(drawn("chart-performance")).isEqualTo(SixtyDays.DAYS + SixtyDays.DAYS - DashboardHistory.MATURED_AFTER_DAYS);
        assertThat(drawn("chart-roc")).isGreaterThan(20);
        assertThat(drawn("chart-pr")).isGreaterThan(20);
        assertThat(drawn("chart-calibration")).isGreaterThan(4);
        screenshot("performance");
        new Select(browser.findElement(By.id("metric-select"))).selectByValue("precision");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("metric=precision"));
        assertThat(browser.findElement(By.id("chart-performance")).getAttribute("data-metric")).isEqualTo("precision");
        assertThat(drawn("chart-performance")).isPositive();
    }

    @Test
    void segmentsShowEachSegmentsLatestFiguresAndHighlightTheWorst() throws Exception {
        open("/dashboard/churn-us/segments?dimension=contract_type");
        String latest = latestRun("churn-us");
        List<WebElement> rows = browser.findElements(By.cssSelector("#segments tr.segment"));
        assertThat(rows).hasSize(3);
        for (WebElement r : rows) {
            String key = "contract_type=" + r.getAttribute("data-segment");
            assertThat(r.findElement(By.cssSelector("td.rows")).getText())
                    .isEqualTo(Figures.num(metric(latest, "segment", "count", null, key)));
            Double churn = metric(latest, "segment", "churn_rate", null, key);
            assertThat(r.findElement(By.cssSelector("td.churn")).getText()).isEqualTo(churn == null ? "—" : Figures.pct(churn));
        }
        List<WebElement> worst = browser.findElements(By.cssSelector("#segments tr.segment.worst"));
        assertThat(worst).hasSize(1);
        assertThat(text("#worst strong")).isEqualTo("contract_type=" + worst.get(0).getAttribute("data-segment"));
        assertThat(drawn("chart-segment-count")).isEqualTo(3 * SixtyDays.DAYS);
        screenshot("segments");
        new Select(browser.findElement(By.id("dimension-select"))).selectByValue("tenure_band");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("dimension=tenure_band"));
        assertThat(browser.findElements(By.cssSelector("#segments tr.segment"))).hasSizeGreaterThan(1);
    }

    @Test
    void trendsDrawAMetricOverTheChosenRangeWithAnAlertMarkerPerAlert() throws Exception {
        open("/dashboard/churn-eu/trends?metric=psi/psi&where=account_age&days=90");
        assertThat(drawn("chart-trend")).isEqualTo(SixtyDays.DAYS);
        long alerts = ((Number) scalar("select count(*) from report.alert_log where model_id = 'churn-eu'"
                + " and category = 'psi' and metric = 'psi' and \"column\" = 'account_age'", null)).longValue();
        assertThat(alerts).isPositive();
        assertThat(browser.findElement(By.id("chart-trend")).getAttribute("data-markers")).isEqualTo(String.valueOf(alerts));
        assertThat(browser.findElements(By.cssSelector("#trend-alerts tr.alert"))).hasSize((int) alerts);
        screenshot("trends");
        browser.findElement(By.id("range-30")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("days=30"));
        assertThat(drawn("chart-trend")).isEqualTo(31);
    }

    @Test
    void alertsListTheLogFilteredBySeverityAndLinkToTheRunsReport() throws Exception {
        open("/dashboard/churn-eu/alerts");
        long all = ((Number) scalar("select count(*) from report.alert_log where model_id = 'churn-eu'", null)).longValue();
        assertThat(browser.findElements(By.cssSelector("#alerts tr.alert"))).hasSize((int) Math.min(all, 1000));
        new Select(browser.findElement(By.id("severity-select"))).selectByValue("HIGH");
        browser.findElement(By.id("filter-button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("severity=HIGH"));
        long high = ((Number) scalar("select count(*) from report.alert_log where model_id = 'churn-eu'"
                + " and severity = 'HIGH'", null)).longValue();
        List<WebElement> rows = browser.findElements(By.cssSelector("#alerts tr.alert"));
        assertThat(rows).hasSize((int) high).allSatisfy(r -> assertThat(r.getText()).contains("HIGH"));
        screenshot("alerts");
        rows.get(0).findElement(By.linkText("report")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getTitle().startsWith("ModelWatch report"));
    }

    @Test
    void runIndexListsEveryRunWithItsRowsCoverageAndOutputs() throws Exception {
        open("/dashboard/churn-us/runs");
        List<WebElement> rows = browser.findElements(By.cssSelector("#runs tr.run"));
        assertThat(rows).hasSize(SixtyDays.DAYS);
        WebElement first = rows.get(0);
        String runId = first.getAttribute("data-run");
        assertThat(runId).isEqualTo(latestRun("churn-us"));
        assertThat(first.findElement(By.cssSelector("td.rows")).getText()).isEqualTo(String.valueOf(
                scalar("select current_rows from report.run_report where run_id = ?1", runId)));
        // the reference version the run was computed against: the version the seeding registered (the newest of the
        // model in the batch store, which other tests on the same database may have used before)
        assertThat(first.findElement(By.cssSelector("td.reference")).getText()).isEqualTo(String.valueOf(
                scalar("select max(version) from store.reference_profile where model_id = ?1", "churn-us")));
        WebElement oldest = rows.get(rows.size() - 1);
        assertThat(oldest.getText()).contains("realised");
        assertThat(oldest.findElement(By.cssSelector("td.coverage")).getText()).isEqualTo(Figures.pct(1.0));
        assertThat(first.findElements(By.tagName("a"))).extracting(WebElement::getText)
                .containsExactly("report", "snapshot", "metrics.csv", "alerts.csv");
        screenshot("runs");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void open(String path) {
        browser.get(base.toString().replaceAll("/$", "") + path);
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText().trim();
    }

    /** Waits until the chart drew (data-drawn) and returns how many points it drew; fails on a chart error. */
    private static int drawn(String id) {
        WebElement chart = browser.findElement(By.id(id));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d ->
                chart.getAttribute("data-drawn") != null || chart.getAttribute("data-error") != null);
        assertThat(chart.getAttribute("data-error")).as(id).isNull();
        assertThat(chart.findElements(By.tagName("canvas"))).as(id + " canvas").isNotEmpty();
        return Integer.parseInt(chart.getAttribute("data-drawn"));
    }

    private static void screenshot(String page) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(page + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private String latestRun(String model) {
        return (String) scalar("select run_id from report.run_report where model_id = ?1"
                + " order by snapshot_date desc, started_at desc limit 1", model);
    }

    private Double metric(String runId, String category, String name, String column, String segment) {
        Object v = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        select value from report.run_metrics where run_id = ?1 and category = ?2 and name = ?3
                        and "column" is not distinct from cast(?4 as text) and segment is not distinct from cast(?5 as text)""")
                .setParameter(1, runId).setParameter(2, category).setParameter(3, name).setParameter(4, column)
                .setParameter(5, segment).getResultList().stream().findFirst().orElse(null));
        return v == null ? null : ((Number) v).doubleValue();
    }

    private Object scalar(String sql, String param) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sql);
            if (param != null) {
                q.setParameter(1, param);
            }
            return q.getSingleResult();
        });
    }
}
