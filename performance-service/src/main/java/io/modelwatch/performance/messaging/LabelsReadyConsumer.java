package io.modelwatch.performance.messaging;

import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.LabelsReady;
import io.modelwatch.performance.service.RealisedPerformance;
import io.modelwatch.support.messaging.InboundEvents;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/** Consumes {@code labels.ready}: the realised performance of a cohort, once per run. Blocking: JDBC and statistics. */
@ApplicationScoped
public class LabelsReadyConsumer {

    private final InboundEvents inbound;
    private final RealisedPerformance realised;
    private final String queue;

    public LabelsReadyConsumer(InboundEvents inbound, RealisedPerformance realised,
                               @ConfigProperty(name = "mp.messaging.incoming." + Channels.LABELS_READY_IN + ".queue.name") String queue) {
        this.inbound = inbound;
        this.realised = realised;
        this.queue = queue;
    }

    @Incoming(Channels.LABELS_READY_IN)
    @Blocking
    public CompletionStage<Void> onLabelsReady(Message<byte[]> message) {
        return inbound.consume(message, queue, LabelsReady.class, LabelsReady::validate, realised::compute);
    }
}
