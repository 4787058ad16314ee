package io.modelwatch.support.status;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;

/**
 * Ready when the broker answers and every work queue of the service exists (the datasource and the
 * messaging channels have their own checks). A service without work queues (ingest) is ready here.
 */
@Readiness
@ApplicationScoped
public class WorkQueueReadiness implements HealthCheck {

    private final BrokerProbe broker;
    private final WorkQueues queues;

    public WorkQueueReadiness(BrokerProbe broker, WorkQueues queues) {
        this.broker = broker;
        this.queues = queues;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("work-queue").up();
        if (queues.queues().isEmpty()) {
            return response.build();
        }
        Map<String, Long> depths = broker.depths(queues.queues());
        for (Map.Entry<String, Long> e : depths.entrySet()) {
            response.withData(e.getKey(), e.getValue());
            if (e.getValue() < 0) {
                response.down();
            }
        }
        return response.build();
    }
}
