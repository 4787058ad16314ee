package io.modelwatch.drift.messaging;

import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.support.testing.BatchReadyConsumerContract;
import io.quarkus.test.junit.QuarkusTest;

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
}
