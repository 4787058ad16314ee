package io.modelwatch.alert.messaging;

import io.modelwatch.alert.service.AlertEvaluation;
import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.support.messaging.InboundEvents;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code metrics.performance.realised}: a cohort's realised performance, computed when its late labels
 * matured, evaluated against the alert rules on its own (the run's other sections were evaluated on day 0).
 */
@ApplicationScoped
public class RealisedPerformanceConsumer {

    private final InboundEvents inbound;
    private final AlertEvaluation evaluation;
    private final String queue;

    public RealisedPerformanceConsumer(InboundEvents inbound, AlertEvaluation evaluation,
                                       @ConfigProperty(name = "mp.messaging.incoming." + Channels.METRICS_REALISED_IN + ".queue.name") String queue) {
        this.inbound = inbound;
        this.evaluation = evaluation;
        this.queue = queue;
    }

    @Incoming(Channels.METRICS_REALISED_IN)
    @Blocking
    public CompletionStage<Void> onRealised(Message<byte[]> message) {
        return inbound.consume(message, queue, MetricsComputed.class, MetricsComputed::validateRealised,
                evaluation::onRealised);
    }
}
