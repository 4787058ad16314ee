package io.modelwatch.performance.messaging;

import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.LabelsReady;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.events.TraceContext;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.events.BatchReady;
import io.modelwatch.core.result.PerformanceSection;
import io.modelwatch.support.domain.MetricLogEntry;
import io.modelwatch.support.metrics.ModelGauge;
import io.modelwatch.support.testing.PrometheusScrape;
import io.modelwatch.support.testing.BatchReadyConsumerContract;
import io.modelwatch.support.testing.DeadLetterChecks;
import io.modelwatch.support.testing.StoredRun;
import io.modelwatch.support.testing.TestBus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * performance-service against the real local RabbitMQ and PostgreSQL: the batch.ready consumer contract, and
 * the late-labels consumer.
 */
@QuarkusTest
class BatchReadyConsumerTest extends BatchReadyConsumerContract {

    @ConfigProperty(name = "mp.messaging.incoming." + Channels.LABELS_READY_IN + ".queue.name")
    String labelsQueue;

    @Override
    protected String metricsRoutingKey() {
        return Channels.METRICS_PERFORMANCE;
    }

    @Override
    protected Object wholeBatchSection(StoredRun run) {
        return pipeline.performance(run.profile(), run.current());
    }

    @Override
    protected String metricsKind() {
        return MetricsComputed.PERFORMANCE;
    }

    /**
     * After a run of a labelled batch, {@code /q/metrics} shows the model's realised recall and precision and its
     * churn rate, with the values the core computes from the same reference and batch (computed here).
     */
    @Test
    void aRunsRecallPrecisionAndChurnRateAreModelGauges() throws Exception {
        StoredRun run = StoredRun.create(pipeline, store);
        String metricsQueue = bus.listen(exchange, metricsRoutingKey());
        bus.publish(exchange, Channels.BATCH_READY, codec.encode(run.event()));
        assertThat(bus.take(metricsQueue, Duration.ofSeconds(60))).as("metrics.performance published").isPresent();

        PerformanceSection expected = pipeline.performance(run.profile(), run.current());
        assertThat(expected.performance()).as("the fixture's batch has its labels").isNotNull();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, String> realised = Map.of("model", StoredRun.MODEL, "kind", ModelGauge.REALISED);
        assertThat(PrometheusScrape.value(metrics, ModelGauge.RECALL.metricName(), realised))
                .isNotNull().isCloseTo(expected.performance().recall(), within(1e-12));
        assertThat(PrometheusScrape.value(metrics, ModelGauge.PRECISION.metricName(), realised))
                .isNotNull().isCloseTo(expected.performance().precision(), within(1e-12));
        assertThat(PrometheusScrape.value(metrics, ModelGauge.CHURN_RATE.metricName(), Map.of("model", StoredRun.MODEL)))
                .isNotNull().isCloseTo(expected.concept().currentChurnRate(), within(1e-12));
    }

    /**
     * A day whose labels have not arrived: {@code /q/metrics} shows the model's estimated recall and precision (kind
     * {@code estimated}) with the values the core estimates from the same batch without its label columns.
     */
    @Test
    void aRunWithoutLabelsShowsTheEstimatedRecallAndPrecision() throws Exception {
        StoredRun labelled = StoredRun.create(pipeline, store);
        var roles = pipeline.config().roles();
        ColumnBatch predictions = ColumnBatch.of(labelled.current().source(), labelled.current().columns().values().stream()
                .filter(c -> !c.name().equals(roles.target()) && !c.name().equals(roles.labelDate())).toList());
        String batchId = "batch-" + UUID.randomUUID();
        var day = labelled.event().date().plusDays(1);
        QuarkusTransaction.requiringNew().run(() -> store.saveBatch(batchId, StoredRun.MODEL, day, predictions));
        BatchReady b = labelled.event();
        BatchReady event = BatchReady.of("run-" + UUID.randomUUID(), batchId, b.modelId(), day, predictions.rowCount(), false,
                b.source(), b.referenceId(), b.referenceVersion(), b.referenceSource(), b.startedAt(), TraceContext.newTraceparent());
        String metricsQueue = bus.listen(exchange, metricsRoutingKey());
        bus.publish(exchange, Channels.BATCH_READY, codec.encode(event));
        assertThat(bus.take(metricsQueue, Duration.ofSeconds(60))).as("metrics.performance published").isPresent();

        PerformanceSection expected = pipeline.performance(labelled.profile(), predictions);
        assertThat(expected.performance()).as("no labels: nothing realised").isNull();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, String> estimated = Map.of("model", StoredRun.MODEL, "kind", ModelGauge.ESTIMATED);
        assertThat(PrometheusScrape.value(metrics, ModelGauge.RECALL.metricName(), estimated))
                .isNotNull().isCloseTo(expected.estimated().recall().value(), within(1e-12));
        assertThat(PrometheusScrape.value(metrics, ModelGauge.PRECISION.metricName(), estimated))
                .isNotNull().isCloseTo(expected.estimated().precision().value(), within(1e-12));
    }

    // ---- late labels (one class per service: every class's @AfterAll deletes the service's test queues)

    /** The connector declares the labels queue and its DLQ asynchronously after start: wait until both exist. */
    private void labelsQueuesDeclared() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            // a passive declare of a missing queue closes the channel: probe on a connection of its own
            try (TestBus probe = TestBus.connect()) {
                probe.depth(labelsQueue);
                probe.depth(Channels.deadLetterQueue(labelsQueue));
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    @Test
    void sameLabelsReadyTwiceStoresTheRealisedMetricsOnce() throws Exception {
        labelsQueuesDeclared();
        StoredRun run = StoredRun.create(pipeline, store); // a stored batch with its labels
        var b = run.event();
        LabelsReady ready = LabelsReady.of(b.runId(), b.batchId(), b.modelId(), b.date(), b.referenceId(),
                b.referenceVersion(), b.referenceSource(), b.source(), "labels.csv", b.rowCount(), b.rowCount(), b.startedAt(),
                TraceContext.newTraceparent());
        String realisedQueue = bus.listen(exchange, Channels.METRICS_PERFORMANCE_REALISED);
        String json = codec.encode(ready);

        bus.publish(exchange, Channels.LABELS_READY, json);
        bus.publish(exchange, Channels.LABELS_READY, json);

        MetricsComputed first = codec.read(bus.take(realisedQueue, Duration.ofSeconds(60)).orElseThrow(
                () -> new AssertionError("no metrics.performance.realised")).body(), MetricsComputed.class);
        MetricsComputed second = codec.read(bus.take(realisedQueue, Duration.ofSeconds(30)).orElseThrow(
                () -> new AssertionError("the duplicate was not re-announced")).body(), MetricsComputed.class);
        assertThat(second.eventId()).isEqualTo(first.eventId());
        assertThat(first.validate().runId()).isEqualTo(b.runId());

        double expected = pipeline.performance(run.profile(), run.current()).performance().recall();
        List<MetricLogEntry> rows = QuarkusTransaction.requiringNew().call(() -> metricsLog.forRun(b.runId()));
        assertThat(rows).hasSize(first.metricRows());
        // the recall row carries its no-change band: the reference recall p and the two-sample binomial standard
        // error sqrt(p(1 − p)(1/n + 1/N)) on the actual churners of each side (docs/metrics.md)
        var current = pipeline.performance(run.profile(), run.current()).performance().confusionMatrix();
        var reference = run.profile().performance();
        double p = reference.recall();
        double se = Math.sqrt(p * (1 - p) * (1.0 / (current.tp() + current.fn())
                + 1.0 / (reference.confusionMatrix().tp() + reference.confusionMatrix().fn())));
        assertThat(rows).filteredOn(r -> r.metricCategory.equals("performance") && r.metricName.equals("recall"))
                .singleElement().satisfies(r -> {
                    assertThat(r.metricValue).isEqualTo(expected);
                    assertThat(r.bandExpected).isEqualTo(p);
                    assertThat(r.bandError).isCloseTo(se, org.assertj.core.api.Assertions.within(1e-12));
                });
        assertThat(rows).noneMatch(r -> r.metricCategory.equals("reference") || r.metricCategory.equals("estimated_performance"));
    }

    @Test
    void malformedLabelsReadyEventsAreDeadLettered() throws Exception {
        labelsQueuesDeclared();
        DeadLetterChecks.poisonMessagesAreDeadLettered(bus, exchange, Channels.LABELS_READY, labelsQueue,
                LabelsReady.class.getSimpleName());
    }
}
