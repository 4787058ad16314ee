package io.modelwatch.performance.messaging;

import io.modelwatch.core.events.Channels;
import io.modelwatch.performance.service.PerformanceAnalysis;
import io.modelwatch.support.compute.ChunkTask;
import io.modelwatch.support.messaging.InboundEvents;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code performance.chunk.task}, the work queue every replica of the service shares: one part of a large run's
 * batch per message, acknowledged once its counts are stored. Blocking: JDBC and CPU-heavy counting.
 */
@ApplicationScoped
public class ChunkTaskConsumer {

    private final InboundEvents inbound;
    private final PerformanceAnalysis analysis;
    private final String queue;

    public ChunkTaskConsumer(InboundEvents inbound, PerformanceAnalysis analysis,
                             @ConfigProperty(name = "mp.messaging.incoming." + Channels.CHUNK_TASK_IN + ".queue.name") String queue) {
        this.inbound = inbound;
        this.analysis = analysis;
        this.queue = queue;
    }

    @Incoming(Channels.CHUNK_TASK_IN)
    @Blocking
    public CompletionStage<Void> onChunkTask(Message<byte[]> message) {
        return inbound.consume(message, queue, ChunkTask.class, ChunkTask::validate, analysis::count);
    }
}
