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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the drift and performance services do with a {@code batch.ready} (and performance with a
 * {@code labels.ready}), once: load the stored profile of the
 * run's reference version, stream the stored batch chunk by chunk (only the columns its configuration names) through
 * the exact mergeable counts of one section with the core pipeline of that configuration, store its metric rows, the ledger entry and the {@code metrics.<kind>} event (in the
 * outbox) in one transaction; the {@link EventRelay} publishes it, and the model gauges the rows feed show them
 * ({@link MetricLogGauges}). A redelivered event re-announces the stored event (through the outbox again, same
 * event id) and computes nothing. A large run's {@code batch.ready} is split into chunk tasks instead
 * ({@link TaskPlanner}, {@link ChunkTaskWork}), whose merged counts are recorded here the same way.
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

        /** The stored columns the counts read: by default all the configuration names ({@link #neededColumns}). */
        default Set<String> columns(MonitoringPipeline pipeline, ReferenceProfile profile) {
            return neededColumns(pipeline.config());
        }
    }

    /** The counts of one section: every chunk of the batch added in row order, then the section of all rows. */
    public interface SectionCounts<S> {
        void add(ColumnBatch chunk);

        S result(long rows);
    }

    /** Data, prediction and target drift with the drift inside segments, as the core's {@code pipeline.drift}. */
    public static final Section<DriftSection> DRIFT = SectionParts.DRIFT;

    /** Classification quality or its estimate, concept drift, segments and importance ({@code pipeline.performance}). */
    public static final Section<PerformanceSection> PERFORMANCE = SectionParts.PERFORMANCE;

    private final ModelPipelines pipelines;
    private final BatchStore store;
    private final MetricsLog metricsLog;
    private final EventLedger ledger;
    private final EventCodec codec;
    private final MetricLogGauges gauges;
    private final EventOutbox outbox;
    private final EventRelay relay;
    private final Reannouncer reannouncer;
    private final TaskPlanner planner;
    private final BatchStreamer streamer;

    public SectionComputation(ModelPipelines pipelines, BatchStore store, MetricsLog metricsLog,
                              EventLedger ledger, EventCodec codec, MetricLogGauges gauges, EventOutbox outbox,
                              EventRelay relay, Reannouncer reannouncer, TaskPlanner planner,
                              BatchStreamer streamer) {
        this.pipelines = pipelines;
        this.store = store;
        this.metricsLog = metricsLog;
        this.ledger = ledger;
        this.codec = codec;
        this.gauges = gauges;
        this.outbox = outbox;
        this.relay = relay;
        this.reannouncer = reannouncer;
        this.planner = planner;
        this.streamer = streamer;
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
        if (section instanceof SectionParts.SplitSection<S>) {
            List<ChunkTask> tasks = planner.tasksOf(event, kind);
            if (!tasks.isEmpty()) {
                streamer.drop(event.batchId()); // streaming is for the one-pass path
                // a large run: its chunk tasks are counted by every replica of the service (ChunkTaskWork)
                boolean duplicate = reannouncer.reannounce(event.runId(), BatchReady.TYPE) || !planner.plan(tasks);
                return CompletableFuture.completedFuture(new Outcome(event.runId(), duplicate));
            }
        }
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

        BatchStore.StoredProfile stored = storedProfile(trigger.referenceId());
        // counted while the batch was stored (BatchStreamer), or read from the store now: only then is the
        // profile decoded here (the stream decoded its own)
        Streamed<S> streamed = (BatchReady.TYPE.equals(trigger.type())
                ? streamer.<S>take(trigger.batchId(), trigger.referenceId(), kind) : Optional.<Streamed<S>>empty())
                .orElseGet(() -> {
                    Reference reference = reference(stored);
                    return stream(trigger.batchId(), reference.pipeline(), reference.profile(), section);
                });
        long currentRows = trigger.currentRows() != null ? trigger.currentRows() : streamed.rows();
        boolean recorded = record(trigger, kind, channel, stored.rowCount(), currentRows, streamed::section, rows);
        return CompletableFuture.completedFuture(new Outcome(trigger.runId(), !recorded));
    }

    /** A registered reference: its stored profile, and the core pipeline of its model's configuration. */
    public record Reference(BatchStore.StoredProfile stored, ReferenceProfile profile, MonitoringPipeline pipeline) {
    }

    /** The reference a trigger names, with the configuration of its model and version. */
    public Reference reference(String referenceId) {
        return reference(storedProfile(referenceId));
    }

    private BatchStore.StoredProfile storedProfile(String referenceId) {
        return store.profile(referenceId)
                .orElseThrow(() -> new PoisonMessageException("no registered reference with id '" + referenceId + "'"));
    }

    private Reference reference(BatchStore.StoredProfile stored) {
        ReferenceProfile profile = ReferenceProfile.fromBytes(stored.profile());
        return new Reference(stored, profile, pipelines.forProfile(stored.referenceId(), profile));
    }

    /**
     * Stores a section's metric rows, the ledger entry and the {@code metrics.<kind>} event (in the outbox) in one
     * transaction, unless the trigger's (run, type) is in the ledger already. {@code claim} runs first in that
     * transaction and gives the section, or null when this transaction is not the one to record it (a merge of chunk
     * tasks whose plan is not complete).
     *
     * @return whether this call recorded the section
     */
    public <S> boolean record(Trigger trigger, String kind, String channel, long referenceRows, long currentRows,
                              Supplier<S> claim, Function<S, List<MetricRow>> rows) {
        RunInfo run = trigger.run();
        List<MetricRow> recorded = QuarkusTransaction.requiringNew().call(() -> {
            S computed = claim.get();
            if (computed == null || ledger.previous(trigger.runId(), trigger.type()).isPresent()) {
                return null; // not complete, or a concurrent delivery finished first
            }
            List<MetricRow> metricRows = rows.apply(computed);
            MetricsComputed out = MetricsComputed.of(kind, run, referenceRows, currentRows, codec.tree(computed),
                    metricRows.size(), TraceHeaders.traceparent(trigger.traceparent()));
            List<PublishedEvent> published = List.of(new PublishedEvent(channel != null ? channel : out.type(),
                    out.eventId(), out.traceparent(), codec.encode(out)));
            metricsLog.append(run, metricRows);
            ledger.record(trigger.runId(), trigger.type(), trigger.eventId(), published);
            outbox.enqueue(published);
            return metricRows;
        });
        if (recorded != null) {
            relay.nudge();
            gauges.record(run, recorded);
        }
        return recorded != null;
    }

    /**
     * A section of a stored batch, its chunks read one at a time (only the columns the configuration names) and
     * counted as they arrive: memory grows with the distinct values, not the rows.
     */
    public <S> Streamed<S> stream(String batchId, MonitoringPipeline pipeline, ReferenceProfile profile,
                                  Section<S> section) {
        List<SectionCounts<S>> counts = new java.util.ArrayList<>(1);
        long[] rows = new long[1];
        store.streamBatch(batchId, section.columns(pipeline, profile),
                counting(counts, rows, chunk -> section.start(pipeline, profile, chunk)));
        if (counts.isEmpty()) {
            throw new PoisonMessageException("stored batch " + batchId + " has no chunk");
        }
        return new Streamed<>(counts.get(0).result(rows[0]), rows[0]);
    }

    /**
     * The counts of chunks {@code firstChunk} to {@code lastChunk} (both included) of a stored batch, a chunk task's
     * part, read and counted as {@link #stream} does the whole batch.
     */
    public <S> Counted<S> count(String batchId, MonitoringPipeline pipeline, ReferenceProfile profile,
                                SectionParts.SplitSection<S> section, int firstChunk, int lastChunk) {
        List<SectionParts.PartCounts<S>> counts = new java.util.ArrayList<>(1);
        long[] rows = new long[1];
        store.streamChunks(batchId, section.columns(pipeline, profile), firstChunk, lastChunk,
                counting(counts, rows, chunk -> section.start(pipeline, profile, chunk)));
        if (counts.isEmpty()) {
            throw new PoisonMessageException("stored batch " + batchId + " has no chunk " + firstChunk);
        }
        return new Counted<>(counts.get(0), rows[0]);
    }

    /** The counts of a part of a batch and its row count. */
    public record Counted<S>(SectionParts.PartCounts<S> counts, long rows) {
    }

    /** Starts the counts at the first chunk, then adds every chunk and its rows. */
    static <S, C extends SectionCounts<S>> java.util.function.Consumer<ColumnBatch> counting(
            List<C> counts, long[] rows, Function<ColumnBatch, C> start) {
        return chunk -> {
            if (counts.isEmpty()) {
                counts.add(start.apply(chunk));
            }
            counts.get(0).add(chunk);
            rows[0] += chunk.rowCount();
        };
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
