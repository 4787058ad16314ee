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

/** Consumes every {@code metrics.*} event; evaluates the run's rules once all its sections are in. */
@ApplicationScoped
public class MetricsConsumer {

    private final InboundEvents inbound;
    private final AlertEvaluation evaluation;
    private final String queue;

    public MetricsConsumer(InboundEvents inbound, AlertEvaluation evaluation,
                           @ConfigProperty(name = "mp.messaging.incoming." + Channels.METRICS_IN + ".queue.name") String queue) {
        this.inbound = inbound;
        this.evaluation = evaluation;
        this.queue = queue;
    }

    @Incoming(Channels.METRICS_IN)
    @Blocking
    public CompletionStage<Void> onMetrics(Message<byte[]> message) {
        return inbound.consume(message, queue, MetricsComputed.class, MetricsComputed::validate, evaluation::onMetrics);
    }
}
