package io.modelwatch.support.compute;

import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.events.BatchReady;
import io.modelwatch.core.events.LabelsReady;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.support.telemetry.TraceHeaders;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.run.section.DriftAccumulator;
import io.modelwatch.core.run.section.OutcomeArrays;
import io.modelwatch.core.run.section.PerformanceAccumulator;
import io.modelwatch.core.run.section.SegmentDriftAccumulator;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.result.PerformanceSection;
import io.modelwatch.core.result.RunInfo;
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
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What the drift and performance services do with a {@code batch.ready} (and performance with a
 * {@code labels.ready}), once: load the stored profile of the
 * run's reference version, stream the stored batch chunk by chunk (only the columns its configuration names) through
 * the exact mergeable counts of one section with the core pipeline of that configuration, store its metric rows, the ledger entry and the {@code metrics.<kind>} event (in the
 * outbox) in one transaction; the {@link EventRelay} publishes it, and the model gauges the rows feed show them
 * ({@link MetricLogGauges}). A redelivered event re-announces the stored event (through the outbox again, same
 * event id) and computes nothing.
 */
@ApplicationScoped
public class SectionComputation {

    /**
     * One section of a run, counted chunk by chunk from a model's pipeline, its reference profile and the stored
     * batch's first chunk: the core's exact mergeable counts, the same the CLI streams a file through.
     */
    @FunctionalInterface
    public interface Section<S> {
        SectionCounts<S> start(MonitoringPipeline pipeline, ReferenceProfile profile, ColumnBatch firstChunk);
    }

    /** The counts of one section: every chunk of the batch added in row order, then the section of all rows. */
    public interface SectionCounts<S> {
        void add(ColumnBatch chunk);

        S result(long rows);
    }

    /** Data, prediction and target drift with the drift inside segments, as the core's {@code pipeline.drift}. */
    public static final Section<DriftSection> DRIFT = (pipeline, profile, first) -> new SectionCounts<>() {
        private final DriftAccumulator drift = pipeline.driftAccumulator(profile, first);
        private final SegmentDriftAccumulator segments = pipeline.segmentDriftAccumulator(profile);

        @Override
        public void add(ColumnBatch chunk) {
            CompletableFuture<Void> inSegments = CompletableFuture.runAsync(() -> segments.add(chunk));
            drift.add(chunk);
            inSegments.join();
        }

        @Override
        public DriftSection result(long rows) {
            DriftSection whole = drift.result();
            return whole.withSegmentDrift(segments.result(whole.drift()));
        }
    };

    /** Classification quality or its estimate, concept drift, segments and importance ({@code pipeline.performance}). */
    public static final Section<PerformanceSection> PERFORMANCE = (pipeline, profile, first) -> new SectionCounts<>() {
        private final PerformanceAccumulator performance = pipeline.performanceAccumulator(profile, first);

        @Override
        public void add(ColumnBatch chunk) {
            performance.add(chunk, OutcomeArrays.of(chunk, pipeline.config()));
        }

        @Override
        public PerformanceSection result(long rows) {
            return performance.result(rows);
        }
    };

    private final ModelPipelines pipelines;
    private final BatchStore store;
    private final MetricsLog metricsLog;
    private final EventLedger ledger;
    private final EventCodec codec;
    private final MetricLogGauges gauges;
    private final EventOutbox outbox;
    private final EventRelay relay;
    private final Reannouncer reannouncer;

    public SectionComputation(ModelPipelines pipelines, BatchStore store, MetricsLog metricsLog,
                              EventLedger ledger, EventCodec codec, MetricLogGauges gauges, EventOutbox outbox,
                              EventRelay relay, Reannouncer reannouncer) {
        this.pipelines = pipelines;
        this.store = store;
        this.metricsLog = metricsLog;
        this.ledger = ledger;
        this.codec = codec;
        this.gauges = gauges;
        this.outbox = outbox;
        this.relay = relay;
        this.reannouncer = reannouncer;
    }

    /**
     * The event that asks for a section: its identity (the ledger and the re-announcement key on run and type), the
     * stored batch and reference it names, the run, and the trace to continue.
     *
     * @param currentRows the batch's row count as the event states it, or null to count the stored batch's rows
     */
    public record Trigger(String runId, String type, String eventId, String referenceId, String batchId, RunInfo run,
                          Long currentRows, String traceparent) {

        public static Trigger of(BatchReady event) {
            return new Trigger(event.runId(), BatchReady.TYPE, event.eventId(), event.referenceId(), event.batchId(),
                    event.runInfo(), (long) event.rowCount(), event.traceparent());
        }

        public static Trigger of(LabelsReady event) {
            return new Trigger(event.runId(), LabelsReady.TYPE, event.eventId(), event.referenceId(), event.batchId(),
                    event.runInfo(), null, event.traceparent());
        }
    }

    /** A section of a {@code batch.ready}, announced as {@code metrics.<kind>}. */
    public <S> CompletionStage<Outcome> compute(BatchReady event, String kind, Section<S> section,
                                                Function<S, List<MetricRow>> rows) {
        return compute(Trigger.of(event), kind, null, section, rows);
    }

    /**
     * A section of any trigger, announced as a {@code metrics.<kind>} event on {@code channel} (null: the event's
     * own type, {@code metrics.<kind>}).
     */
    public <S> CompletionStage<Outcome> compute(Trigger trigger, String kind, String channel, Section<S> section,
                                                Function<S, List<MetricRow>> rows) {
        if (reannouncer.reannounce(trigger.runId(), trigger.type())) {
            return CompletableFuture.completedFuture(new Outcome(trigger.runId(), true));
        }

        BatchStore.StoredProfile stored = store.profile(trigger.referenceId())
                .orElseThrow(() -> new PoisonMessageException("no registered reference with id '" + trigger.referenceId() + "'"));
        ReferenceProfile profile = ReferenceProfile.fromBytes(stored.profile());
        // the configuration of the run's model and reference version
        MonitoringPipeline pipeline = pipelines.forProfile(stored.referenceId(), profile);
        Streamed<S> streamed = stream(trigger.batchId(), pipeline, profile, section);
        S computed = streamed.section();
        List<MetricRow> metricRows = rows.apply(computed);

        RunInfo run = trigger.run();
        long currentRows = trigger.currentRows() != null ? trigger.currentRows() : streamed.rows();
        MetricsComputed out = MetricsComputed.of(kind, run, stored.rowCount(), currentRows, codec.tree(computed),
                metricRows.size(), TraceHeaders.traceparent(trigger.traceparent()));
        List<PublishedEvent> published = List.of(new PublishedEvent(channel != null ? channel : out.type(),
                out.eventId(), out.traceparent(), codec.encode(out)));
        boolean recorded = QuarkusTransaction.requiringNew().call(() -> {
            if (ledger.previous(trigger.runId(), trigger.type()).isPresent()) {
                return false; // a concurrent delivery finished first
            }
            metricsLog.append(run, metricRows);
            ledger.record(trigger.runId(), trigger.type(), trigger.eventId(), published);
            outbox.enqueue(published);
            return true;
        });
        if (recorded) {
            relay.nudge();
            gauges.record(run, metricRows);
        }
        return CompletableFuture.completedFuture(new Outcome(trigger.runId(), !recorded));
    }

    /**
     * A section of a stored batch, its chunks read one at a time (only the columns the configuration names) and
     * counted as they arrive: memory grows with the distinct values, not the rows.
     */
    public <S> Streamed<S> stream(String batchId, MonitoringPipeline pipeline, ReferenceProfile profile,
                                  Section<S> section) {
        List<SectionCounts<S>> counts = new java.util.ArrayList<>(1);
        long[] rows = new long[1];
        store.streamBatch(batchId, neededColumns(pipeline.config()), chunk -> {
            if (counts.isEmpty()) {
                counts.add(section.start(pipeline, profile, chunk));
            }
            counts.get(0).add(chunk);
            rows[0] += chunk.rowCount();
        });
        if (counts.isEmpty()) {
            throw new PoisonMessageException("stored batch " + batchId + " has no chunk");
        }
        return new Streamed<>(counts.get(0).result(rows[0]), rows[0]);
    }

    /** A section and the count of rows it was computed from. */
    public record Streamed<S>(S section, long rows) {
    }

    /** The feature, role and segment columns of the configuration: the only ones read from the store. */
    public static Set<String> neededColumns(MonitoringConfig config) {
        Set<String> names = new LinkedHashSet<>(config.featureNames());
        var r = config.roles();
        for (String role : new String[] {r.id(), r.timestamp(), r.probability(), r.predictedClass(), r.target(), r.labelDate()}) {
            if (role != null) {
                names.add(role);
            }
        }
        config.segments().forEach(s -> names.add(s.column()));
        return names;
    }
}
