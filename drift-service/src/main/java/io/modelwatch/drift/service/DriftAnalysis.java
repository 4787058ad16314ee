package io.modelwatch.drift.service;

import io.modelwatch.core.events.BatchReady;
import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.support.compute.SectionComputation;
import io.modelwatch.support.compute.SectionMetrics;
import io.modelwatch.support.messaging.InboundEvents.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.util.concurrent.CompletionStage;

/** Data and prediction drift of a stored batch against its reference profile (core {@code pipeline.drift}). */
@ApplicationScoped
public class DriftAnalysis {

    private final SectionComputation computation;
    private final MonitoringPipeline pipeline;
    private final Emitter<String> metrics;

    public DriftAnalysis(SectionComputation computation, MonitoringPipeline pipeline,
                         @Channel(Channels.METRICS_OUT) Emitter<String> metrics) {
        this.computation = computation;
        this.pipeline = pipeline;
        this.metrics = metrics;
    }

    public CompletionStage<Outcome> analyse(BatchReady event) {
        return computation.compute(event, MetricsComputed.DRIFT, pipeline::drift, SectionMetrics::of, metrics);
    }
}
