package io.modelwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.labels.LabelJoin;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.run.PerformanceSection;
import io.modelwatch.core.events.Channels;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole daily run through the five packaged services, against the real local RabbitMQ and PostgreSQL:
 * register a reference, start a run on a drifted day, and within a bounded wait find the metric rows of
 * every section, an alert for the drifted feature, and a report whose metrics and alerts equal those of
 * the CLI ({@code cli/target/modelwatch-cli.jar run}) on the same files with the same configuration file.
 * The bus names are unique to this run and deleted afterwards.
 */
class PipelineEndToEndIT {

    private static final LocalDate REFERENCE_DATE = LocalDate.of(2024, 1, 15);
    private static final LocalDate DRIFTED_DATE = LocalDate.of(2024, 3, 1);
    private static final int ROWS = 3000;
    /** The feature the DRIFT scenario shifts (see {@link Scenario#DRIFT}). */
    private static final String DRIFTED_FEATURE = "account_age";

    private static final String RUN_TAG = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String JDBC_URL = env("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String DB_USER = env("QUARKUS_DATASOURCE_USERNAME", "postgres");
    private static final String DB_PASSWORD = env("QUARKUS_DATASOURCE_PASSWORD", "");

    private static ServiceProcesses services;
    private static Path root;
    private static Path data;
    private static Path config;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = Json.mapper();

    @BeforeAll
    static void startServices() throws Exception {
        root = Path.of(System.getProperty("modelwatch.repo.root", "..")).toAbsolutePath().normalize();
        Path target = root.resolve("e2e-tests/target");
        data = target.resolve("e2e-data");
        // one configuration file for the CLI and every service: the built-in churn schema
        config = data.resolve("monitoring.yaml");
        try (var in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEFAULT_RESOURCE)) {
            java.nio.file.Files.createDirectories(data);
            java.nio.file.Files.copy(java.util.Objects.requireNonNull(in, ConfigLoader.DEFAULT_RESOURCE), config,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        ChurnDataGenerator.of(Scenario.STABLE, REFERENCE_DATE, "R").write(data.resolve("reference.csv"), ROWS, 21);
        ChurnDataGenerator.of(Scenario.DRIFT, DRIFTED_DATE, "C").write(data.resolve("drifted.csv"), ROWS, 22);

        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", JDBC_URL);
        env.put("QUARKUS_DATASOURCE_USERNAME", DB_USER);
        env.put("MODELWATCH_BUS_EXCHANGE", RUN_TAG + ".events");
        env.put("MODELWATCH_BUS_DEAD_LETTER_EXCHANGE", RUN_TAG + ".dead-letters");
        env.put("MODELWATCH_BUS_QUEUE_PREFIX", RUN_TAG + ".");
        env.put("MODELWATCH_MONITORING_CONFIG_FILE", config.toString());
        services = ServiceProcesses.start(root, target.resolve("e2e-logs"), env);
        services.awaitReady(Duration.ofSeconds(150));
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (services != null) {
            services.close();
        }
        deleteBusNames();
    }

    @Test
    void aDriftedDayFlowsThroughEveryServiceAndReportsTheCliNumbers() throws Exception {
        String model = "churn-" + RUN_TAG;
        JsonNode reference = post("ingest-service", "/references",
                Map.of("modelId", model, "source", data.resolve("reference.csv").toString()), 201);
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

        // every metric row is in PostgreSQL, split by the service that computed it
        long stored = countMetricRows("ingest", runId) + countMetricRows("drift", runId) + countMetricRows("performance", runId);
        assertThat(countMetricRows("drift", runId)).isPositive();
        assertThat(countMetricRows("performance", runId)).isPositive();
        assertThat(stored).isEqualTo(wanted.get("metrics").size());

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

        try (Connection amqp = amqpFactory().newConnection("modelwatch-e2e-labels"); Channel ch = amqp.createChannel()) {
            ch.exchangeDeclare(RUN_TAG + ".events", com.rabbitmq.client.BuiltinExchangeType.TOPIC, true);
            String labelsReady = ch.queueDeclare("", false, true, true, null).getQueue();
            ch.queueBind(labelsReady, RUN_TAG + ".events", Channels.LABELS_READY);

            post("ingest-service", "/references", Map.of("modelId", model, "source", data.resolve("reference.csv").toString()), 201);
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
        Path jar = root.resolve("cli/target/modelwatch-cli.jar");
        assertThat(jar).as("the CLI must be packaged before this test").isRegularFile();
        Path out = data.resolve("cli-report");
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "run", "--reference", data.resolve("reference.csv").toString(),
                "--current", data.resolve("drifted.csv").toString(), "--config", config.toString(),
                "--date", DRIFTED_DATE.toString(), "--out", out.toString(), "--quiet")
                .redirectErrorStream(true).redirectOutput(data.resolve("cli.log").toFile()).start();
        assertThat(cli.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("CLI finished").isTrue();
        assertThat(cli.exitValue()).as("CLI exit code, see " + data.resolve("cli.log")).isZero();
        return out.resolve("snapshot.json");
    }

    private static long countMetricRows(String schema, String runId) throws Exception {
        try (var c = DriverManager.getConnection(JDBC_URL, DB_USER, DB_PASSWORD);
             PreparedStatement ps = c.prepareStatement("select count(*) from " + schema + ".metrics_log where run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private JsonNode post(String service, String path, Object body, int expectedStatus) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(services.url(service) + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(service + path + ": " + r.body()).isEqualTo(expectedStatus);
        return mapper.readTree(r.body());
    }

    private HttpResponse<String> get(String service, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(services.url(service) + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Deletes this run's queues and exchanges (they are durable, so they would outlive the test). */
    private static ConnectionFactory amqpFactory() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(env("RABBITMQ_HOST", "127.0.0.1"));
        f.setPort(Integer.parseInt(env("RABBITMQ_PORT", "5672")));
        f.setUsername(env("RABBITMQ_USERNAME", "guest"));
        f.setPassword(env("RABBITMQ_PASSWORD", "guest"));
        f.setVirtualHost(env("RABBITMQ_VIRTUAL_HOST", "/"));
        return f;
    }

    private static void deleteBusNames() {
        ConnectionFactory f = amqpFactory();
        try (Connection c = f.newConnection("modelwatch-e2e-cleanup"); Channel ch = c.createChannel()) {
            String prefix = RUN_TAG + ".";
            for (String q : List.of(
                    Channels.queue(prefix, Channels.DRIFT_SERVICE, Channels.BATCH_READY),
                    Channels.queue(prefix, Channels.PERFORMANCE_SERVICE, Channels.BATCH_READY),
                    Channels.queue(prefix, Channels.PERFORMANCE_SERVICE, Channels.LABELS_READY),
                    Channels.queue(prefix, Channels.ALERT_SERVICE, Channels.METRICS_ALL),
                    Channels.queue(prefix, Channels.REPORT_SERVICE, Channels.METRICS_ALL))) {
                ch.queueDelete(q);
                ch.queueDelete(Channels.deadLetterQueue(q));
            }
            ch.exchangeDelete(RUN_TAG + ".events");
            ch.exchangeDelete(RUN_TAG + ".dead-letters");
        } catch (Exception e) {
            System.err.println("could not delete the e2e bus names " + RUN_TAG + ".*: " + e.getMessage());
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
