package io.modelwatch.performance.service;

import io.modelwatch.core.events.BatchReady;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.support.compute.BatchStreamer;
import io.modelwatch.support.compute.ChunkTask;
import io.modelwatch.support.compute.ChunkTaskWork;
import io.modelwatch.support.compute.SectionComputation;
import io.modelwatch.support.compute.SectionParts;
import io.modelwatch.support.compute.SectionMetrics;
import io.modelwatch.support.messaging.InboundEvents.Outcome;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.CompletionStage;

/** Classification quality when the batch has labels, otherwise prediction drift and churn rate (core {@code pipeline.performance}). */
@ApplicationScoped
public class PerformanceAnalysis {

    private final SectionComputation computation;
    private final ChunkTaskWork tasks;
    private final BatchStreamer streamer;

    public PerformanceAnalysis(SectionComputation computation, ChunkTaskWork tasks, BatchStreamer streamer) {
        this.computation = computation;
        this.tasks = tasks;
        this.streamer = streamer;
    }

    /** Counts this section of each batch while ingest stores it, on ingest's hint ({@link BatchStreamer}). */
    void streamBatches(@Observes StartupEvent start) {
        streamer.listen(MetricsComputed.PERFORMANCE, SectionComputation.PERFORMANCE);
    }

    /** With the configuration of the run's model and reference version. */
    public CompletionStage<Outcome> analyse(BatchReady event) {
        return computation.compute(event, MetricsComputed.PERFORMANCE, SectionComputation.PERFORMANCE,
                SectionMetrics::of);
    }

    /** One chunk task of a large run; the replica that completes the last one records the section. */
    public CompletionStage<Outcome> count(ChunkTask task) {
        return tasks.run(task, MetricsComputed.PERFORMANCE, SectionParts.PERFORMANCE, SectionMetrics::of);
    }
}
