package io.modelwatch.performance.service;

import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.LabelsReady;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.run.MetricRow;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.run.PerformanceSection;
import io.modelwatch.core.run.RunInfo;
import io.modelwatch.support.compute.ModelPipelines;
import io.modelwatch.support.compute.SectionComputation;
import io.modelwatch.support.compute.SectionMetrics;
import io.modelwatch.support.domain.PublishedEvent;
import io.modelwatch.support.messaging.EventCodec;
import io.modelwatch.support.messaging.InboundEvents.Outcome;
import io.modelwatch.support.messaging.PoisonMessageException;
import io.modelwatch.support.metrics.MetricLogGauges;
import io.modelwatch.support.outbox.EventOutbox;
import io.modelwatch.support.outbox.EventRelay;
import io.modelwatch.support.outbox.Reannouncer;
import io.modelwatch.support.repository.EventLedger;
import io.modelwatch.support.repository.MetricsLog;
import io.modelwatch.support.store.BatchStore;
import io.modelwatch.support.telemetry.TraceHeaders;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.CompletableFuture;
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

    /** The category of the baseline rows, stored on day 0 and not repeated. */
    static final String REFERENCE_CATEGORY = "reference";

    private final ModelPipelines pipelines;
    private final BatchStore store;
    private final SectionComputation computation;
    private final MetricsLog metricsLog;
    private final EventLedger ledger;
    private final EventCodec codec;
    private final MetricLogGauges gauges;
    private final Reannouncer reannouncer;
    private final EventOutbox outbox;
    private final EventRelay relay;

    public RealisedPerformance(ModelPipelines pipelines, BatchStore store, SectionComputation computation,
                               MetricsLog metricsLog, EventLedger ledger,
                               EventCodec codec, MetricLogGauges gauges, Reannouncer reannouncer, EventOutbox outbox,
                               EventRelay relay) {
        this.pipelines = pipelines;
        this.store = store;
        this.computation = computation;
        this.metricsLog = metricsLog;
        this.ledger = ledger;
        this.codec = codec;
        this.gauges = gauges;
        this.reannouncer = reannouncer;
        this.outbox = outbox;
        this.relay = relay;
    }

    public CompletionStage<Outcome> compute(LabelsReady event) {
        if (reannouncer.reannounce(event.runId(), LabelsReady.TYPE)) {
            return CompletableFuture.completedFuture(new Outcome(event.runId(), true));
        }
        BatchStore.StoredProfile stored = store.profile(event.referenceId())
                .orElseThrow(() -> new PoisonMessageException("no registered reference with id '" + event.referenceId() + "'"));
        ReferenceProfile profile = ReferenceProfile.fromBytes(stored.profile());
        // the configuration the run was computed with on day 0: that of its model's reference version
        MonitoringPipeline pipeline = pipelines.forProfile(stored.referenceId(), profile);
        var streamed = computation.stream(event.batchId(), pipeline, profile, SectionComputation.PERFORMANCE);
        PerformanceSection section = streamed.section();
        if (section.performance() == null) {
            // the store holds fewer labels than the event claims: never record an estimate as realised
            throw new PoisonMessageException("batch " + event.batchId() + " of run " + event.runId()
                    + " has label coverage " + section.concept().labelCoverage() + ", below labels.min_coverage "
                    + pipeline.config().labels().minCoverage());
        }
        List<MetricRow> rows = SectionMetrics.of(section).stream()
                .filter(r -> !REFERENCE_CATEGORY.equals(r.category())).toList();

        RunInfo run = event.runInfo();
        MetricsComputed out = MetricsComputed.of(MetricsComputed.PERFORMANCE, run, stored.rowCount(), streamed.rows(),
                codec.tree(section), rows.size(), TraceHeaders.traceparent(event.traceparent()));
        List<PublishedEvent> published = List.of(new PublishedEvent(Channels.METRICS_PERFORMANCE_REALISED,
                out.eventId(), out.traceparent(), codec.encode(out)));
        boolean recorded = QuarkusTransaction.requiringNew().call(() -> {
            if (ledger.previous(event.runId(), LabelsReady.TYPE).isPresent()) {
                return false; // a concurrent delivery finished first
            }
            metricsLog.append(run, rows);
            ledger.record(event.runId(), LabelsReady.TYPE, event.eventId(), published);
            outbox.enqueue(published);
            return true;
        });
        if (recorded) {
            relay.nudge();
            gauges.record(run, rows);
        }
        return CompletableFuture.completedFuture(new Outcome(event.runId(), !recorded));
    }
}
