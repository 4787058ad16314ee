package io.modelwatch.performance.messaging;

import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.LabelsReady;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.events.TraceContext;
import io.modelwatch.support.domain.MetricLogEntry;
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

import static org.assertj.core.api.Assertions.assertThat;

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
    protected String metricsKind() {
        return MetricsComputed.PERFORMANCE;
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
