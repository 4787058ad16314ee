package io.modelwatch.performance.service;

import io.modelwatch.core.events.BatchReady;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.support.compute.SectionComputation;
import io.modelwatch.support.compute.SectionMetrics;
import io.modelwatch.support.messaging.InboundEvents.Outcome;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletionStage;

/** Classification quality when the batch has labels, otherwise prediction drift and churn rate (core {@code pipeline.performance}). */
@ApplicationScoped
public class PerformanceAnalysis {

    private final SectionComputation computation;

    public PerformanceAnalysis(SectionComputation computation) {
        this.computation = computation;
    }

    /** With the configuration of the run's model and reference version. */
    public CompletionStage<Outcome> analyse(BatchReady event) {
        return computation.compute(event, MetricsComputed.PERFORMANCE, SectionComputation.PERFORMANCE,
                SectionMetrics::of);
    }
}
