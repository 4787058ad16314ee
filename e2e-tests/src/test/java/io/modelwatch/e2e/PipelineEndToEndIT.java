package io.modelwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.labels.LabelJoin;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.result.PerformanceSection;
import io.modelwatch.core.events.Channels;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole daily run through the five packaged services, against the real local RabbitMQ and PostgreSQL:
 * register a reference, start a run on a drifted day, and within a bounded wait find the metric rows of
 * every section, an alert for the drifted feature, and a report whose metrics and alerts equal those of
 * the CLI ({@code cli/target/modelwatch-cli.jar run}) on the same files with the same configuration file (the
 * model is registered with that file as its {@code config}). The deployment ({@link Deployment}) is shared with the
 * other end-to-end tests; its bus names are unique to this run and deleted afterwards.
 */
@ExtendWith(Deployment.Extension.class)
class PipelineEndToEndIT {

    private static final LocalDate REFERENCE_DATE = LocalDate.of(2024, 1, 15);
    private static final LocalDate DRIFTED_DATE = LocalDate.of(2024, 3, 1);
    private static final int ROWS = 3000;
    /** The feature the DRIFT scenario shifts (see {@link Scenario#DRIFT}). */
    private static final String DRIFTED_FEATURE = "account_age";

    private static final String RUN_TAG = Deployment.RUN_TAG;
    private static final String JDBC_URL = Deployment.JDBC_URL;
    private static final String DB_USER = Deployment.DB_USER;
    private static final String DB_PASSWORD = Deployment.DB_PASSWORD;

    private static Deployment deployment;
    private static Path data;
    /** One configuration file for the CLI and the registrations: the built-in churn schema. */
    private static Path config;
    private final ObjectMapper mapper = Json.mapper();

    @BeforeAll
    static void data(Deployment started) throws Exception {
        deployment = started;
        data = started.data;
        config = started.config;
        ChurnDataGenerator.of(Scenario.STABLE, REFERENCE_DATE, "R").write(data.resolve("reference.csv"), ROWS, 21);
        ChurnDataGenerator.of(Scenario.DRIFT, DRIFTED_DATE, "C").write(data.resolve("drifted.csv"), ROWS, 22);
    }

    @Test
    void aDriftedDayFlowsThroughEveryServiceAndReportsTheCliNumbers() throws Exception {
        String model = "churn-" + RUN_TAG;
        // the churn model registered with its configuration file: the one the CLI is given
        JsonNode reference = post("ingest-service", "/references", Map.of("modelId", model,
                "source", data.resolve("reference.csv").toString(), "config", config.toString()), 201);
        assertThat(reference.get("rowCount").asInt()).isEqualTo(ROWS);

        JsonNode run = post("ingest-service", "/runs", Map.of("modelId", model, "date", DRIFTED_DATE.toString(),
                "source", data.resolve("drifted.csv").toString()), 202);
        String runId = run.get("runId").asText();

        // the report: rendered once drift, performance and quality have all arrived
        String[] snapshot = new String[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> r = get("report-service", "/runs/" + runId + "/snapshot");
            snapshot[0] = r.body();
            return r.statusCode() == 200;
        });
        HttpResponse<String> html = get("report-service", "/runs/" + runId + "/report");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("<html");

        // the same numbers as the CLI on the same files and configuration
        JsonNode actual = mapper.readTree(snapshot[0]);
        JsonNode wanted = mapper.readTree(cliSnapshot().toFile());
        assertThat(actual.get("metrics")).isEqualTo(wanted.get("metrics"));
        assertThat(actual.get("alerts")).isEqualTo(wanted.get("alerts"));
        assertThat(actual.get("drift")).isEqualTo(wanted.get("drift"));

        // every computed metric row is in PostgreSQL, split by the service that computed it; the anomaly rows
        // (per-metric and isolation forest) are assembled from the run history by alert and report, not stored there
        long stored = countMetricRows("ingest", runId) + countMetricRows("drift", runId) + countMetricRows("performance", runId);
        assertThat(countMetricRows("drift", runId)).isPositive();
        assertThat(countMetricRows("performance", runId)).isPositive();
        long computed = 0;
        for (JsonNode row : wanted.get("metrics")) {
            computed += "anomaly".equals(row.path("category").asText()) ? 0 : 1;
        }
        assertThat(computed).as("the CLI's rows besides anomaly ones").isLessThan(wanted.get("metrics").size());
        assertThat(stored).isEqualTo(computed);

        // an alert for the drifted feature
        JsonNode[] alerts = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            alerts[0] = mapper.readTree(get("alert-service", "/runs/" + runId + "/alerts").body());
            return alerts[0].size() > 0;
        });
        assertThat(alerts[0].size()).isEqualTo(wanted.get("alerts").size());
        assertThat(alerts[0].findValuesAsText("column")).contains(DRIFTED_FEATURE);

        for (String service : ServiceProcesses.SERVICES) {
            assertThat(get(service, "/status").statusCode()).as(service + " /status").isEqualTo(200);
            assertThat(get(service, "/q/metrics").body()).as(service + " Prometheus").contains("jvm_");
        }
    }

    /**
     * Issue 12: a day with a header and no rows is accepted and completes in every service (nothing dead-lettered):
     * a report, a HIGH data-quality alert "empty batch", and the CLI's numbers on the same file.
     */
    @Test
    void anEmptyDayCompletesWithAHighEmptyBatchAlert() throws Exception {
        String model = "churn-empty-" + RUN_TAG;
        Path empty = data.resolve("empty-day.csv");
        java.nio.file.Files.write(empty, List.of(java.nio.file.Files.readAllLines(data.resolve("drifted.csv")).get(0)));
        post("ingest-service", "/references", Map.of("modelId", model,
                "source", data.resolve("reference.csv").toString(), "config", config.toString()), 201);
        JsonNode run = post("ingest-service", "/runs", Map.of("modelId", model, "date", DRIFTED_DATE.toString(),
                "source", empty.toString()), 202);
        assertThat(run.get("rowCount").asInt()).isZero();
        String runId = run.get("runId").asText();

        String[] snapshot = new String[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> r = get("report-service", "/runs/" + runId + "/snapshot");
            snapshot[0] = r.body();
            return r.statusCode() == 200;
        });
        assertThat(get("report-service", "/runs/" + runId + "/report").statusCode()).isEqualTo(200);
        JsonNode[] alerts = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            alerts[0] = mapper.readTree(get("alert-service", "/runs/" + runId + "/alerts").body());
            return alerts[0].size() > 0;
        });
        assertThat(alerts[0]).anySatisfy(a -> {
            assertThat(a.toString()).contains("HIGH").contains("empty_batch").contains("empty batch");
        });

        Path out = data.resolve("cli-empty-report");
        deployment.cli("cli-empty", "run", "--reference", data.resolve("reference.csv").toString(),
                "--current", empty.toString(), "--config", config.toString(),
                "--date", DRIFTED_DATE.toString(), "--out", out.toString(), "--quiet");
        JsonNode wanted = mapper.readTree(out.resolve("snapshot.json").toFile());
        JsonNode actual = mapper.readTree(snapshot[0]);
        assertThat(actual.get("alerts")).isEqualTo(wanted.get("alerts"));
        assertThat(actual.get("drift")).isEqualTo(wanted.get("drift"));
    }

    /**
     * Issue 7, delayed labels: predictions first (a day without its label columns), labels later through
     * {@code POST /labels}. Day 0 has only the estimated performance; half the labels leave the cohort below
     * {@code labels.min_coverage} (0.9) and publish nothing; all the labels publish {@code labels.ready} once and
     * the realised {@code performance/*} rows appear for the same run, equal to the core pipeline's on the
     * predictions joined to the labels (what the CLI's {@code --labels} does).
     */
    @Test
    void aCohortIsRealisedOnlyWhenItsLabelsArrive() throws Exception {
        String model = "churn-late-" + RUN_TAG;
        LocalDate day = DRIFTED_DATE.plusDays(1);
        Path generated = data.resolve("late-day.csv");
        ChurnDataGenerator.of(Scenario.DRIFT, day, "L").write(generated, ROWS, 23);
        List<String> lines = java.nio.file.Files.readAllLines(generated);
        List<String> header = List.of(lines.get(0).split(","));
        List<String> labelColumns = List.of("customer_id", "churn_actual", "label_effective_date");
        Path predictions = data.resolve("late-predictions.csv");
        Path halfLabels = data.resolve("late-labels-half.csv");
        Path allLabels = data.resolve("late-labels-all.csv");
        java.nio.file.Files.write(predictions, project(lines, header,
                header.stream().filter(h -> !labelColumns.contains(h) || h.equals("customer_id")).toList(), lines.size()));
        java.nio.file.Files.write(halfLabels, project(lines, header, labelColumns, 1 + ROWS / 2));
        java.nio.file.Files.write(allLabels, project(lines, header, labelColumns, lines.size()));

        try (Connection amqp = Deployment.amqpFactory().newConnection("modelwatch-e2e-labels"); Channel ch = amqp.createChannel()) {
            ch.exchangeDeclare(RUN_TAG + ".events", com.rabbitmq.client.BuiltinExchangeType.TOPIC, true);
            String labelsReady = ch.queueDeclare("", false, true, true, null).getQueue();
            ch.queueBind(labelsReady, RUN_TAG + ".events", Channels.LABELS_READY);

            post("ingest-service", "/references", Map.of("modelId", model, "source", data.resolve("reference.csv").toString(),
                    "config", config.toString()), 201);
            JsonNode run = post("ingest-service", "/runs", Map.of("modelId", model, "date", day.toString(),
                    "source", predictions.toString()), 202);
            String runId = run.get("runId").asText();
            assertThat(run.get("hasLabels").asBoolean()).isFalse();

            // day 0: the estimate, no realised metric
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> metricValues(runId, "estimated_performance", "recall").size() == 1);
            assertThat(metricValues(runId, "performance", "recall")).isEmpty();

            // half the labels: coverage 0.5 < 0.9, not realised, nothing published
            JsonNode half = post("ingest-service", "/labels", Map.of("modelId", model, "date", day.toString(),
                    "source", halfLabels.toString()), 200);
            assertThat(half.get("realised").asBoolean()).isFalse();
            assertThat(half.get("coverage").asDouble()).isEqualTo(0.5);
            Thread.sleep(1000);
            assertThat(ch.basicGet(labelsReady, true)).as("labels.ready below min coverage").isNull();
            assertThat(metricValues(runId, "performance", "recall")).isEmpty();

            // all the labels: realised, labels.ready once, the realised rows for the same run
            JsonNode all = post("ingest-service", "/labels", Map.of("modelId", model, "date", day.toString(),
                    "source", allLabels.toString()), 202);
            assertThat(all.get("realised").asBoolean()).isTrue();
            assertThat(all.get("coverage").asDouble()).isEqualTo(1.0);
            JsonNode ready = mapper.readTree(takeBody(ch, labelsReady, Duration.ofSeconds(20)));
            assertThat(ready.get("runId").asText()).isEqualTo(runId);
            assertThat(ready.get("coverage").asDouble()).isEqualTo(1.0);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> metricValues(runId, "performance", "recall").size() == 1);

            // the same numbers as the core pipeline on the predictions joined to the labels
            MonitoringConfig cfg = ConfigLoader.load(config);
            MonitoringPipeline pipeline = MonitoringPipeline.of(cfg);
            ColumnBatch reference = CsvReader.withDefaults().read(data.resolve("reference.csv"), TableSchema.forConfig(cfg));
            ColumnBatch current = CsvReader.withDefaults().read(predictions, TableSchema.forConfig(cfg));
            ColumnBatch labels = CsvReader.withDefaults().read(allLabels, TableSchema.forRoles(cfg.roles()));
            PerformanceSection expected = pipeline.performance(pipeline.profile(reference),
                    LabelJoin.join(current, labels, cfg.roles()).batch());
            assertThat(metricValues(runId, "performance", "recall")).containsExactly(expected.performance().recall());
            assertThat(metricValues(runId, "performance", "precision")).containsExactly(expected.performance().precision());
            assertThat(metricValues(runId, "performance", "roc_auc")).containsExactly(expected.performance().rocAuc());

            // the same labels again: already realised, published once
            JsonNode again = post("ingest-service", "/labels", Map.of("modelId", model, "date", day.toString(),
                    "source", allLabels.toString()), 200);
            assertThat(again.get("alreadyRealised").asBoolean()).isTrue();
            Thread.sleep(1000);
            assertThat(ch.basicGet(labelsReady, true)).as("labels.ready published twice").isNull();
            assertThat(metricValues(runId, "performance", "recall")).hasSize(1);
        }
    }

    /** The named columns of the first {@code lines} lines of a generated CSV (no quoted fields in generated files). */
    private static List<String> project(List<String> csv, List<String> header, List<String> keep, int lines) {
        int[] idx = keep.stream().mapToInt(header::indexOf).toArray();
        return csv.subList(0, lines).stream().map(l -> {
            String[] f = l.split(",", -1);
            return java.util.Arrays.stream(idx).mapToObj(i -> f[i]).collect(java.util.stream.Collectors.joining(","));
        }).toList();
    }

    private static String takeBody(Channel ch, String queue, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            var r = ch.basicGet(queue, true);
            if (r != null) {
                return new String(r.getBody(), java.nio.charset.StandardCharsets.UTF_8);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing arrived in " + queue + " within " + timeout);
    }

    /** The values of one metric of a run in performance-service's metrics_log, in insertion order. */
    private static List<Double> metricValues(String runId, String category, String name) throws Exception {
        try (var c = DriverManager.getConnection(JDBC_URL, DB_USER, DB_PASSWORD);
             PreparedStatement ps = c.prepareStatement("select metric_value from performance.metrics_log"
                     + " where run_id = ? and metric_category = ? and metric_name = ? and \"column\" is null"
                     + " and segment is null order by id")) {
            ps.setString(1, runId);
            ps.setString(2, category);
            ps.setString(3, name);
            List<Double> values = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getDouble(1));
                }
            }
            return values;
        }
    }

    /** Runs the packaged CLI on the same files and configuration; returns its snapshot.json. */
    private Path cliSnapshot() throws Exception {
        Path out = data.resolve("cli-report");
        deployment.cli("cli", "run", "--reference", data.resolve("reference.csv").toString(),
                "--current", data.resolve("drifted.csv").toString(), "--config", config.toString(),
                "--date", DRIFTED_DATE.toString(), "--out", out.toString(), "--quiet");
        return out.resolve("snapshot.json");
    }

    private static long countMetricRows(String schema, String runId) throws Exception {
        return deployment.countMetricRows(schema, runId);
    }

    private JsonNode post(String service, String path, Object body, int expectedStatus) throws Exception {
        return deployment.post(service, path, body, expectedStatus);
    }

    private HttpResponse<String> get(String service, String path) throws IOException, InterruptedException {
        return deployment.get(service, path);
    }
}
