package io.modelwatch.drift.messaging;

import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.run.DriftSection;
import io.modelwatch.core.run.MaskedDriftAlerts;
import io.modelwatch.support.domain.MetricLogEntry;
import io.modelwatch.support.testing.BatchReadyConsumerContract;
import io.modelwatch.support.testing.StoredRun;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** drift-service against the real local RabbitMQ and PostgreSQL: the batch.ready consumer contract. */
@QuarkusTest
class BatchReadyConsumerTest extends BatchReadyConsumerContract {

    @Override
    protected String metricsRoutingKey() {
        return Channels.METRICS_DRIFT;
    }

    @Override
    protected String metricsKind() {
        return MetricsComputed.DRIFT;
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
