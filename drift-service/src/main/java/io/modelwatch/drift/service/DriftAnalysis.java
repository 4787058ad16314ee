package io.modelwatch.drift.service;

import io.modelwatch.core.events.BatchReady;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.support.compute.SectionComputation;
import io.modelwatch.support.compute.SectionMetrics;
import io.modelwatch.support.messaging.InboundEvents.Outcome;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletionStage;

/**
 * Data, prediction and target drift of a stored batch against its reference profile (core {@code pipeline.drift}),
 * with the configuration of the run's model and reference version.
 */
@ApplicationScoped
public class DriftAnalysis {

    private final SectionComputation computation;

    public DriftAnalysis(SectionComputation computation) {
        this.computation = computation;
    }

    public CompletionStage<Outcome> analyse(BatchReady event) {
        return computation.compute(event, MetricsComputed.DRIFT, SectionComputation.DRIFT, SectionMetrics::of);
    }
}
