package io.modelwatch.drift.messaging;

import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.result.ColumnDrift;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.result.PsiValue;
import io.modelwatch.support.metrics.ModelGauge;
import io.modelwatch.support.testing.BatchReadyConsumerContract;
import io.modelwatch.support.testing.PrometheusScrape;
import io.modelwatch.support.testing.StoredRun;
import io.modelwatch.support.testing.TestBus;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import io.modelwatch.core.run.MaskedDriftAlerts;
import io.modelwatch.support.domain.MetricLogEntry;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** drift-service against the real local RabbitMQ and PostgreSQL: the batch.ready consumer contract, its gauges and spans. */
@QuarkusTest
class BatchReadyConsumerTest extends BatchReadyConsumerContract {

    @Inject
    InMemorySpanExporter spans;

    @Override
    protected String metricsRoutingKey() {
        return Channels.METRICS_DRIFT;
    }

    @Override
    protected Object wholeBatchSection(StoredRun run) {
        return pipeline.drift(run.profile(), run.current());
    }

    @Override
    protected String metricsKind() {
        return MetricsComputed.DRIFT;
    }

    /**
     * After a run, {@code /q/metrics} shows the model's PSI and drift score of every column with the values the core
     * computes from the same reference and batch (computed here, not read from the service).
     */
    @Test
    void aRunsPsiAndDriftScoresAreModelGauges() throws Exception {
        StoredRun run = StoredRun.create(pipeline, store);
        String metricsQueue = bus.listen(exchange, metricsRoutingKey());
        bus.publish(exchange, Channels.BATCH_READY, codec.encode(run.event()));
        assertThat(bus.take(metricsQueue, Duration.ofSeconds(60))).as("metrics.drift published").isPresent();

        DriftSection expected = pipeline.drift(run.profile(), run.current());
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(expected.psi()).isNotEmpty();
        for (PsiValue p : expected.psi()) {
            Double shown = PrometheusScrape.value(metrics, ModelGauge.PSI.metricName(),
                    Map.of("model", StoredRun.MODEL, "column", p.column()));
            assertThat(shown).as("psi of " + p.column()).isNotNull().isCloseTo(p.value(), within(1e-12));
        }
        List<ColumnDrift> scored = expected.drift().columns().stream().filter(c -> c.score() != null).toList();
        assertThat(scored).isNotEmpty();
        for (ColumnDrift c : scored) {
            Double shown = PrometheusScrape.value(metrics, ModelGauge.DRIFT_SCORE.metricName(),
                    Map.of("model", StoredRun.MODEL, "column", c.column()));
            assertThat(shown).as("drift score of " + c.column()).isNotNull().isCloseTo(c.score(), within(1e-12));
        }
    }

    /**
     * A {@code batch.ready} whose headers carry a trace context is processed in a consumer span that is its child,
     * and the {@code metrics.drift} it publishes is sent in a producer span, child of the consumer span, whose
     * context that message's headers carry on: one trace across the services.
     */
    @Test
    void theConsumerAndProducerSpansContinueTheTraceOfTheHeaders() throws Exception {
        StoredRun run = StoredRun.create(pipeline, store);
        HexFormat hex = HexFormat.of();
        byte[] traceBytes = new byte[16];
        byte[] spanBytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(traceBytes);
        ThreadLocalRandom.current().nextBytes(spanBytes);
        traceBytes[0] |= 1;  // never the all-zero (invalid) id
        spanBytes[0] |= 1;
        String traceId = hex.formatHex(traceBytes);
        String upstreamSpan = hex.formatHex(spanBytes);
        String metricsQueue = bus.listen(exchange, metricsRoutingKey());

        bus.publish(exchange, Channels.BATCH_READY, codec.encode(run.event()),
                Map.of("traceparent", "00-" + traceId + "-" + upstreamSpan + "-01"));
        TestBus.Received published = bus.take(metricsQueue, Duration.ofSeconds(60))
                .orElseThrow(() -> new AssertionError("no metrics.drift published"));

        List<SpanData>[] trace = new List[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            trace[0] = spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
            return trace[0].size() >= 2;
        });
        SpanData consumer = only(trace[0], SpanKind.CONSUMER);
        SpanData producer = only(trace[0], SpanKind.PRODUCER);
        assertThat(consumer.getName()).isEqualTo("process " + queue);
        assertThat(consumer.getParentSpanId()).as("child of the span the headers named").isEqualTo(upstreamSpan);
        assertThat(consumer.getAttributes().asMap().entrySet()).anyMatch(e -> e.getKey().getKey().equals("modelwatch.run_id")
                && e.getValue().equals(run.event().runId()));
        assertThat(producer.getName()).isEqualTo("publish " + Channels.METRICS_DRIFT);
        assertThat(producer.getParentSpanId()).as("published while processing").isEqualTo(consumer.getSpanId());
        assertThat(published.header("traceparent")).as("the next service continues from the producer span")
                .isEqualTo("00-" + traceId + "-" + producer.getSpanId() + "-01");
        MetricsComputed event = codec.read(published.body(), MetricsComputed.class);
        assertThat(event.traceparent()).as("the event's own field: the span it was built in")
                .isEqualTo("00-" + traceId + "-" + consumer.getSpanId() + "-01");
    }

    private static SpanData only(List<SpanData> spans, SpanKind kind) {
        List<SpanData> of = spans.stream().filter(s -> s.getKind() == kind).toList();
        assertThat(of).as(kind + " spans of the trace: " + spans).hasSize(1);
        return of.get(0);
    }

    /**
     * The drift section carries the drift inside segments (2000-row fixtures: Month-to-month, 55 % of rows, passes the
     * default 500/500 minimum) and its rows are stored with the section's other rows, as the core derives them.
     */
    @Test
    void theDriftInsideSegmentsTravelsInTheSectionAndIsStored() throws Exception {
        StoredRun run = StoredRun.create(pipeline, store);
        String metricsQueue = bus.listen(exchange, metricsRoutingKey());
        bus.publish(exchange, Channels.BATCH_READY, codec.encode(run.event()));
        MetricsComputed computed = codec.read(bus.take(metricsQueue, Duration.ofSeconds(60)).orElseThrow(
                () -> new AssertionError("no " + metricsRoutingKey() + " published")).body(), MetricsComputed.class);
        DriftSection section = codec.fromTree(computed.section(), DriftSection.class);
        DriftSection expected = pipeline.drift(run.profile(), run.current());
        assertThat(section.segmentDrift()).isNotEmpty().isEqualTo(expected.segmentDrift());
        assertThat(section.segmentDrift()).anySatisfy(d -> assertThat(d.key()).isEqualTo("contract_type=Month-to-month"));

        String runId = run.event().runId();
        List<MetricLogEntry> stored = QuarkusTransaction.requiringNew().call(() -> metricsLog.forRun(runId));
        assertThat(stored.stream().filter(m -> MaskedDriftAlerts.CATEGORY.equals(m.metricCategory)).count())
                .isEqualTo(2L * expected.segmentDrift().size()
                        + expected.segmentDrift().stream().filter(d -> d.masked()).count());
    }
}
