package io.modelwatch.report.messaging;

import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.report.service.ReportRendering;
import io.modelwatch.support.messaging.InboundEvents;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code metrics.performance.realised}: a cohort's labels matured, so its run's report, snapshot and
 * dashboard figures are rendered again with the realised performance.
 */
@ApplicationScoped
public class RealisedPerformanceConsumer {

    private final InboundEvents inbound;
    private final ReportRendering rendering;
    private final String queue;

    public RealisedPerformanceConsumer(InboundEvents inbound, ReportRendering rendering,
                                       @ConfigProperty(name = "mp.messaging.incoming." + Channels.METRICS_REALISED_IN + ".queue.name") String queue) {
        this.inbound = inbound;
        this.rendering = rendering;
        this.queue = queue;
    }

    @Incoming(Channels.METRICS_REALISED_IN)
    @Blocking
    public CompletionStage<Void> onRealised(Message<byte[]> message) {
        return inbound.consume(message, queue, MetricsComputed.class, MetricsComputed::validateRealised,
                e -> CompletableFuture.completedFuture(rendering.onRealised(e)));
    }
}
