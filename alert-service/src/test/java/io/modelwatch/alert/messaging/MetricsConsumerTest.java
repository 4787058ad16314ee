package io.modelwatch.alert.messaging;

import io.modelwatch.alert.domain.AlertRecord;
import io.modelwatch.support.testing.ChurnFixtures;
import io.modelwatch.support.status.ServiceStatus;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.alert.repository.AlertRepository;
import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.events.AlertRaised;
import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.MetricsComputed;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.events.TraceContext;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.result.RunInfo;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;
import io.modelwatch.core.config.Severity;
import io.modelwatch.support.metrics.ModelGauge;
import io.modelwatch.support.repository.RunHistory;
import io.modelwatch.support.testing.PrometheusScrape;
import io.modelwatch.support.testing.ComputedSections;
import io.modelwatch.support.testing.StoredRun;
import io.modelwatch.support.testing.MetricsConsumerContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** alert-service against the real local RabbitMQ and PostgreSQL (test exchange and queue names). */
@QuarkusTest
class MetricsConsumerTest extends MetricsConsumerContract {

    private static final int ROWS = 2000;
    private static final String REALISED_RECALL_KEY = "performance/recall//";

    @Inject
    AlertRepository alerts;
    @Inject
    RunHistory history;
    @Inject
    ServiceStatus status;

    @Test
    void sameMetricEventsTwiceRaiseOneSetOfAlerts() throws Exception {
        StoredRun run = StoredRun.create(pipeline, store);
        List<MetricsComputed> sections = ComputedSections.of(run, pipeline, codec);
        RunResult assembled = assembled(sections);
        List<Alert> expected = assembled.alerts();
        assertThat(expected).as("the drifted day raises alerts").isNotEmpty();
        String raisedQueue = bus.listen(exchange, Channels.ALERT_RAISED);

        deliverTwice(sections);

        String runId = run.event().runId();
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> alerts.count("runId", runId)) > 0);
        List<AlertRaised> raised = new ArrayList<>();
        bus.take(raisedQueue, Duration.ofSeconds(10)).ifPresent(r -> raised.add(codec.read(r.body(), AlertRaised.class)));
        while (true) {
            var next = bus.take(raisedQueue, Duration.ofSeconds(3));
            if (next.isEmpty()) {
                break;
            }
            raised.add(codec.read(next.get().body(), AlertRaised.class));
        }
        List<AlertRecord> stored = QuarkusTransaction.requiringNew().call(() -> alerts.forRun(runId));
        assertThat(stored).hasSize(expected.size());
        assertThat(raised).hasSize(expected.size());
        assertThat(raised).allMatch(a -> a.runId().equals(runId));
        assertThat(stored).extracting(a -> a.alertKey).containsExactlyInAnyOrderElementsOf(
                expected.stream().map(Alert::key).toList());
        // assembled here and by the consumer: the run's history rows are stored once
        long defined = assembled.metrics().stream().filter(m -> m.value() != null && Double.isFinite(m.value())).count();
        assertThat(QuarkusTransaction.requiringNew().call(() -> history.countForRun(runId))).isEqualTo(defined);
    }

    /**
     * Six runs of a model with the same recall, then one where it drops (the concept-change day): only the last
     * run's alerts include the anomaly of {@code performance.recall}, detected against the history of the
     * model's earlier runs that this service stored.
     */
    @Test
    void aRecallDropAfterStableRunsIsAnAnomaly() throws Exception {
        Registered m = register("anomaly");
        List<JsonNode> stable = m.sections(Scenario.STABLE, 21);
        List<JsonNode> dropped = m.sections(Scenario.CONCEPT, 22);

        List<String> runIds = new ArrayList<>();
        LocalDate first = LocalDate.of(2024, 4, 1);
        for (int day = 0; day < 7; day++) {
            runIds.add(deliverRun(m, first.plusDays(day), day < 6 ? stable : dropped));
        }

        for (int day = 0; day < 7; day++) {
            String runId = runIds.get(day);
            List<AlertRecord> stored = QuarkusTransaction.requiringNew().call(() -> alerts.forRun(runId));
            List<String> anomalies = stored.stream().filter(a -> "anomaly".equals(a.metricCategory))
                    .map(a -> a.metricName).toList();
            if (day < 6) {
                assertThat(anomalies).as("run %d of a stable recall", day + 1).isEmpty();
            } else {
                assertThat(anomalies).as("the run where recall drops").contains("performance.recall");
            }
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> history.count("runId = ?1 and category = ?2",
                runIds.get(6), "anomaly"))).as("anomaly rows are not history").isZero();
    }

    /**
     * Fifteen stable runs of a model (each its own sample) and one where recall drops: the isolation forest scores a
     * run from the 15th on (14 earlier runs stored) and its score is kept as history for the dashboard.
     */
    @Test
    void theIsolationForestScoresARunOnceFourteenEarlierRunsAreStored() throws Exception {
        Registered m = register("forest");
        List<String> runIds = new ArrayList<>();
        LocalDate first = LocalDate.of(2024, 6, 1);
        for (int day = 0; day < 16; day++) {
            Scenario scenario = day < 15 ? Scenario.STABLE : Scenario.CONCEPT;
            runIds.add(deliverRun(m, first.plusDays(day), m.sections(scenario, 300 + day)));
        }
        for (int day = 0; day < 16; day++) {
            String runId = runIds.get(day);
            long scores = QuarkusTransaction.requiringNew().call(() -> history.count(
                    "runId = ?1 and category = ?2 and name = ?3", runId, "anomaly", "isolation_forest_score"));
            assertThat(scores).as("run %d (%d earlier runs)", day + 1, day).isEqualTo(day < 14 ? 0 : 1);
        }
        // the drop scores above the stable run scored before it (on 15 earlier runs it stays below the threshold:
        // the single-metric rules raise its alerts)
        assertThat(score(runIds.get(15))).isGreaterThan(score(runIds.get(14)));
    }

    /** A new model registered with a stable reference of its own, and where its generated batches go. */
    private record Registered(String model, Path dir, TableSchema schema, ColumnBatch reference, ReferenceProfile profile,
                              String referenceId, MetricsConsumerTest test) {

        /** The drift, performance and quality section trees of a generated batch. */
        List<JsonNode> sections(Scenario scenario, long seed) throws Exception {
            return test.sectionTrees(profile, read(dir.resolve(scenario + "-" + seed + ".csv"), scenario, seed, schema));
        }
    }

    private Registered register(String prefix) throws Exception {
        String model = prefix + "-" + UUID.randomUUID();
        Path dir = Files.createTempDirectory("modelwatch-" + prefix);
        TableSchema schema = TableSchema.forConfig(pipeline.config());
        ColumnBatch reference = read(dir.resolve("reference.csv"), Scenario.STABLE, 11, schema);
        ReferenceProfile profile = pipeline.profile(reference);
        return new Registered(model, dir, schema, reference, profile, StoredRun.register(store, model, profile), this);
    }

    /**
     * Publishes a run's three sections (drift, performance, quality trees) and waits until the service has assembled
     * and stored it, so that the next run's history contains it; returns the run id.
     */
    private String deliverRun(Registered m, LocalDate date, List<JsonNode> trees) throws java.io.IOException {
        RunInfo info = new RunInfo("run-" + UUID.randomUUID(), m.model(), date, m.reference().source(),
                "day-" + date + ".csv", null, date.atTime(4, 0).toInstant(java.time.ZoneOffset.UTC), m.referenceId(), 1);
        List<String> kinds = List.of(MetricsComputed.DRIFT, MetricsComputed.PERFORMANCE, MetricsComputed.QUALITY);
        String trace = TraceContext.newTraceparent();
        for (int k = 0; k < kinds.size(); k++) {
            MetricsComputed e = MetricsComputed.of(kinds.get(k), info, m.reference().rowCount(), ROWS, trees.get(k), 0,
                    trace);
            bus.publish(exchange, e.type(), codec.encode(e));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> history.countForRun(info.runId())) > 0);
        return info.runId();
    }

    private double score(String runId) {
        return QuarkusTransaction.requiringNew().call(() -> history.find(
                "runId = ?1 and category = ?2 and name = ?3", runId, "anomaly", "isolation_forest_score")
                .singleResult().value);
    }

    private static ColumnBatch read(Path file, Scenario scenario, long seed, TableSchema schema) throws Exception {
        ChurnDataGenerator.of(scenario, LocalDate.of(2024, 4, 1), scenario.name()).write(file, ROWS, seed);
        return CsvReader.withDefaults().read(file, schema);
    }

    private List<JsonNode> sectionTrees(ReferenceProfile profile, ColumnBatch current) {
        return List.of(codec.tree(pipeline.drift(profile, current)), codec.tree(pipeline.performance(profile, current)),
                codec.tree(pipeline.quality(current)));
    }

    /**
     * Late labels: a cohort's realised performance ({@code metrics.performance.realised}) is evaluated against
     * the configured rules (k8s/base/monitoring.yaml: recall below 0.70 is HIGH). In this class because the
     * bus names it uses are deleted once per application by {@link MetricsConsumerContract}.
     */
    @Test
    void aRealisedRecallDropRaisesOneHighAlertEvenWhenDeliveredTwice() throws Exception {
        Path dir = Files.createTempDirectory("modelwatch-realised");
        TableSchema schema = TableSchema.forConfig(pipeline.config());
        ColumnBatch reference = CsvReader.withDefaults().read(ChurnFixtures.reference(dir), schema);
        ColumnBatch current = CsvReader.withDefaults().read(ChurnFixtures.drifted(dir), schema);
        ReferenceProfile profile = pipeline.profile(reference);
        JsonNode section = codec.tree(pipeline.performance(profile, current));
        assertThat(section.get("performance").isObject()).as("the cohort is labelled").isTrue();
        // the cohort's realised recall, 60 days on: below the HIGH threshold of 0.70
        ((ObjectNode) section.get("performance")).put("recall", 0.55);

        String model = "realised-" + UUID.randomUUID();
        RunInfo run = new RunInfo("run-" + UUID.randomUUID(), model, ChurnFixtures.DRIFTED_DATE, reference.source(),
                current.source(), "labels.csv", Instant.now(), StoredRun.register(store, model, profile), 1);
        MetricsComputed event = MetricsComputed.of(MetricsComputed.PERFORMANCE, run, reference.rowCount(),
                current.rowCount(), section, 0, TraceContext.newTraceparent());
        String raisedQueue = bus.listen(exchange, Channels.ALERT_RAISED);
        long handledBefore = handled();

        bus.publish(exchange, Channels.METRICS_PERFORMANCE_REALISED, codec.encode(event));
        bus.publish(exchange, Channels.METRICS_PERFORMANCE_REALISED, codec.encode(event));

        // both deliveries handled (the counter is shared with the other metrics events) and the alert stored
        await().atMost(Duration.ofSeconds(30)).until(() -> handled() >= handledBefore + 2
                && QuarkusTransaction.requiringNew().call(() -> alerts.count("runId = ?1 and alertKey = ?2",
                run.runId(), REALISED_RECALL_KEY)) > 0);
        List<AlertRecord> stored = QuarkusTransaction.requiringNew().call(() -> alerts.forRun(run.runId()));
        List<AlertRecord> recall = stored.stream().filter(a -> REALISED_RECALL_KEY.equals(a.alertKey)).toList();
        assertThat(recall).as("one performance/recall alert, however often the event came").hasSize(1);
        assertThat(recall.get(0).severity).isEqualTo("HIGH");
        assertThat(recall.get(0).modelId).isEqualTo(model);
        assertThat(recall.get(0).metricValue).isEqualTo(0.55);
        assertThat(stored).extracting(a -> a.alertKey + "/" + a.severity).doesNotHaveDuplicates();
        // the realised rows joined the model's history (once, however often the event came): the next cohort's
        // anomaly check compares its realised recall with this one
        RunInfo nextCohort = new RunInfo("run-" + UUID.randomUUID(), model, ChurnFixtures.DRIFTED_DATE.plusDays(1),
                reference.source(), current.source(), "labels.csv", Instant.now());
        io.modelwatch.core.anomaly.MetricHistory earlier = QuarkusTransaction.requiringNew()
                .call(() -> history.cohortsBefore(nextCohort, 14));
        assertThat(earlier.valuesFor(new io.modelwatch.core.metrics.MetricRow("performance", "recall", null, null, null,
                null, io.modelwatch.core.metrics.MetricRow.OK))).containsExactly(0.55);

        List<AlertRaised> raised = new ArrayList<>();
        while (true) {
            var next = bus.take(raisedQueue, Duration.ofSeconds(3));
            if (next.isEmpty()) {
                break;
            }
            AlertRaised a = codec.read(next.get().body(), AlertRaised.class);
            if (a.runId().equals(run.runId())) {
                raised.add(a);
            }
        }
        assertThat(raised).as("alert.raised once per stored alert").hasSize(stored.size());
    }

    /**
     * After a model's first run, {@code /q/metrics} shows its open alerts by severity (the core's alerts of the run,
     * the most severe per alert key, counted here) and when its run completed (read from the table the dead-man's
     * switch uses).
     */
    @Test
    void aRunsOpenAlertsBySeverityAndCompletionAreModelGauges() throws Exception {
        Path dir = Files.createTempDirectory("modelwatch-gauges");
        TableSchema schema = TableSchema.forConfig(pipeline.config());
        ColumnBatch reference = CsvReader.withDefaults().read(ChurnFixtures.reference(dir), schema);
        ColumnBatch current = CsvReader.withDefaults().read(ChurnFixtures.drifted(dir), schema);
        ReferenceProfile profile = pipeline.profile(reference);
        String model = "gauges-" + UUID.randomUUID();
        RunInfo run = new RunInfo("run-" + UUID.randomUUID(), model, ChurnFixtures.DRIFTED_DATE, reference.source(),
                current.source(), null, Instant.now(), StoredRun.register(store, model, profile), 1);
        List<JsonNode> trees = sectionTrees(profile, current);
        List<String> kinds = List.of(MetricsComputed.DRIFT, MetricsComputed.PERFORMANCE, MetricsComputed.QUALITY);
        List<MetricsComputed> sections = new ArrayList<>();
        for (int k = 0; k < kinds.size(); k++) {
            sections.add(MetricsComputed.of(kinds.get(k), run, reference.rowCount(), current.rowCount(), trees.get(k), 0,
                    TraceContext.newTraceparent()));
        }
        Map<String, Severity> strongest = assembled(sections).alerts().stream()
                .collect(Collectors.toMap(Alert::key, Alert::severity, (x, y) -> x.atLeast(y) ? x : y));
        Map<Severity, Long> expected = strongest.values().stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(expected).as("the drifted day raises alerts").isNotEmpty();

        for (MetricsComputed e : sections) {
            bus.publish(exchange, e.type(), codec.encode(e));
        }

        String[] metrics = new String[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            metrics[0] = given().get("/q/metrics").then().statusCode(200).extract().asString();
            return PrometheusScrape.value(metrics[0], ModelGauge.LAST_SUCCESS.metricName(), Map.of("model", model)) != null;
        });
        for (Severity severity : Severity.values()) {
            assertThat(PrometheusScrape.value(metrics[0], ModelGauge.ALERTS.metricName(),
                    Map.of("model", model, "severity", severity.name())))
                    .as("open %s alerts", severity).isEqualTo((double) expected.getOrDefault(severity, 0L));
        }
        double completed = QuarkusTransaction.requiringNew().call(() -> ((Number) alerts.getEntityManager()
                .createNativeQuery("select extract(epoch from last_completed_at) from alert.monitored_model where model_id = ?1")
                .setParameter(1, model).getSingleResult()).doubleValue());
        assertThat(PrometheusScrape.value(metrics[0], ModelGauge.LAST_SUCCESS.metricName(), Map.of("model", model)))
                .isCloseTo(completed, within(0.001));
    }

    /** Events of the type processed or recognised as a redelivery (the dead-letter count is not among them). */
    private long handled() {
        Map<String, Long> counts = status.view("alert-service", Map.of()).counts();
        String type = MetricsComputed.class.getSimpleName();
        return counts.getOrDefault(type + ".processed", 0L) + counts.getOrDefault(type + ".duplicate", 0L);
    }
}
