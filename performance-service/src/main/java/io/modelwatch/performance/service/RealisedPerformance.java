package io.modelwatch.performance.service;

import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.LabelsReady;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.result.PerformanceSection;
import io.modelwatch.support.compute.SectionComputation;
import io.modelwatch.support.compute.SectionMetrics;
import io.modelwatch.support.messaging.InboundEvents.Outcome;
import io.modelwatch.support.messaging.PoisonMessageException;
import jakarta.enterprise.context.ApplicationScoped;
import io.modelwatch.core.data.ColumnBatch;

import java.util.concurrent.CompletionStage;

/**
 * The realised performance of a cohort whose labels have matured ({@code labels.ready}): the core's
 * {@code pipeline.performance} on the stored batch, now with its labels, against the run's reference profile.
 * Its metric rows are appended to {@code metrics_log} under the same run id: the classification metrics as
 * {@code performance/*} (day 0 had only {@code estimated_performance/*}), and later {@code concept/*},
 * {@code segment/*} and {@code importance/*} rows that supersede the day-0 ones; the {@code reference/*}
 * baseline rows are not repeated. Then {@code metrics.performance.realised} carries the section (a
 * {@link MetricsComputed} of kind performance). Idempotent on (run, {@code labels.ready}): a redelivery
 * re-announces the stored event and computes nothing.
 */
@ApplicationScoped
public class RealisedPerformance {

    private final SectionComputation computation;

    public RealisedPerformance(SectionComputation computation) {
        this.computation = computation;
    }

    public CompletionStage<Outcome> compute(LabelsReady event) {
        return computation.compute(SectionComputation.Trigger.of(event), MetricsComputed.PERFORMANCE,
                Channels.METRICS_PERFORMANCE_REALISED, realised(event),
                section -> SectionMetrics.of(section).stream()
                        .filter(r -> !MetricRow.REFERENCE_CATEGORY.equals(r.category())).toList());
    }

    /**
     * The performance section of the stored batch with its labels, streamed chunk by chunk as on day 0; never an
     * estimate recorded as realised.
     */
    private static SectionComputation.Section<PerformanceSection> realised(LabelsReady event) {
        return (pipeline, profile, first) -> {
            SectionComputation.SectionCounts<PerformanceSection> counts =
                    SectionComputation.PERFORMANCE.start(pipeline, profile, first);
            return new SectionComputation.SectionCounts<>() {
                @Override
                public void add(ColumnBatch chunk) {
                    counts.add(chunk);
                }

                @Override
                public PerformanceSection result(long rows) {
                    PerformanceSection section = counts.result(rows);
                    if (section.performance() == null) {
                        // the store holds fewer labels than the event claims
                        throw new PoisonMessageException("batch " + event.batchId() + " of run " + event.runId()
                                + " has label coverage " + section.concept().labelCoverage()
                                + ", below labels.min_coverage " + pipeline.config().labels().minCoverage());
                    }
                    return section;
                }
            };
        };
    }
}
