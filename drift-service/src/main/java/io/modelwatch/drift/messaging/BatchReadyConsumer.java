package io.modelwatch.drift.messaging;

import io.modelwatch.core.events.BatchReady;
import io.modelwatch.core.events.Channels;
import io.modelwatch.drift.service.DriftAnalysis;
import io.modelwatch.support.messaging.InboundEvents;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/** Consumes {@code batch.ready}: one drift section per run. Blocking: JDBC and CPU-heavy statistics. */
@ApplicationScoped
public class BatchReadyConsumer {

    private final InboundEvents inbound;
    private final DriftAnalysis analysis;
    private final String queue;

    public BatchReadyConsumer(InboundEvents inbound, DriftAnalysis analysis,
                              @ConfigProperty(name = "mp.messaging.incoming." + Channels.BATCH_READY_IN + ".queue.name") String queue) {
        this.inbound = inbound;
        this.analysis = analysis;
        this.queue = queue;
    }

    @Incoming(Channels.BATCH_READY_IN)
    @Blocking
    public CompletionStage<Void> onBatchReady(Message<byte[]> message) {
        return inbound.consume(message, queue, BatchReady.class, BatchReady::validate, analysis::analyse);
    }
}
