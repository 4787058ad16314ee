package io.modelwatch.performance.health;

import io.modelwatch.core.events.Channels;
import io.modelwatch.support.status.BrokerProbe;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;

/** Ready when the broker answers and the work queue exists (the datasource and channels have their own checks). */
@Readiness
@ApplicationScoped
public class QueueReadiness implements HealthCheck {

    private final BrokerProbe broker;
    private final String queue;

    public QueueReadiness(BrokerProbe broker,
                          @ConfigProperty(name = "mp.messaging.incoming." + Channels.BATCH_READY_IN + ".queue.name") String queue) {
        this.broker = broker;
        this.queue = queue;
    }

    @Override
    public HealthCheckResponse call() {
        long depth = broker.depths(List.of(queue)).get(queue);
        return HealthCheckResponse.named("work-queue").status(depth >= 0).withData("queue", queue)
                .withData("depth", depth).build();
    }
}
