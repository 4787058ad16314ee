package io.modelwatch.report.messaging;

import io.modelwatch.core.events.AlertRaised;
import io.modelwatch.core.events.Channels;
import io.modelwatch.report.service.AlertLog;
import io.modelwatch.support.messaging.InboundEvents;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Consumes {@code alert.raised} into report-service's copy of the alert log (the dashboard's alerts and markers). */
@ApplicationScoped
public class AlertRaisedConsumer {

    private final InboundEvents inbound;
    private final AlertLog log;
    private final String queue;

    public AlertRaisedConsumer(InboundEvents inbound, AlertLog log,
                               @ConfigProperty(name = "mp.messaging.incoming." + Channels.ALERTS_IN + ".queue.name") String queue) {
        this.inbound = inbound;
        this.log = log;
        this.queue = queue;
    }

    @Incoming(Channels.ALERTS_IN)
    @Blocking
    public CompletionStage<Void> onAlert(Message<byte[]> message) {
        return inbound.consume(message, queue, AlertRaised.class, AlertRaised::validate,
                e -> CompletableFuture.completedFuture(log.record(e)));
    }
}
