package io.modelwatch.ingest.service;

import io.modelwatch.core.config.ColumnRoles;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.quality.QualityAccumulator;
import io.modelwatch.core.quality.QualityReport;
import io.modelwatch.core.events.BatchReady;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.run.RequiredColumns;
import io.modelwatch.core.result.RunInfo;
import io.modelwatch.ingest.config.IngestSettings;
import io.modelwatch.ingest.domain.IngestRun;
import io.modelwatch.ingest.repository.IngestRunRepository;
import io.modelwatch.support.compute.ModelPipelines;
import io.modelwatch.support.compute.SectionMetrics;
import io.modelwatch.support.domain.PublishedEvent;
import io.modelwatch.support.messaging.EventCodec;
import io.modelwatch.support.repository.EventLedger;
import io.modelwatch.support.outbox.EventOutbox;
import io.modelwatch.support.outbox.EventRelay;
import io.modelwatch.support.outbox.Reannouncer;
import io.modelwatch.support.repository.MetricsLog;
import io.modelwatch.support.status.ServiceStatus;
import io.modelwatch.support.store.BatchStore;
import io.modelwatch.support.telemetry.EventSpans;
import io.modelwatch.support.telemetry.TraceHeaders;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Starts a run: reads the day's batch in chunks, validates it against the data contract (findings are kept as
 * quality metrics, rows are never dropped), stores it once by batch id chunk by chunk as it is read, records the run, and writes its
 * announcements, {@code batch.ready} and the quality section ({@code metrics.quality}), to the event outbox, all in
 * one transaction; the {@link EventRelay} publishes them. Rows never travel on the bus.
 *
 * <p>A run's identity is (model, date, source): the check for an earlier run and the insert of a new one happen
 * under a transaction-scoped advisory lock on that identity, so identical requests at the same moment (from
 * one replica or several) give one run; the others answer it as existing.
 */
@ApplicationScoped
public class RunIngestion {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RunIngestion.class);

    /** The ledger's event type for what a run's start announced. */
    static final String RUN_STARTED = "run.started";

    private final BatchSources sources;
    private final IngestSettings settings;
    private final ModelPipelines pipelines;
    private final BatchStore store;
    private final IngestRunRepository runs;
    private final MetricsLog metricsLog;
    private final EventLedger ledger;
    private final EventCodec codec;
    private final ServiceStatus status;
    private final EventOutbox outbox;
    private final EventRelay relay;
    private final Reannouncer reannouncer;

    public RunIngestion(BatchSources sources, IngestSettings settings, ModelPipelines pipelines, BatchStore store, IngestRunRepository runs,
                        MetricsLog metricsLog, EventLedger ledger, EventCodec codec,
                        ServiceStatus status, EventOutbox outbox,
                        EventRelay relay, Reannouncer reannouncer) {
        this.sources = sources;
        this.settings = settings;
        this.pipelines = pipelines;
        this.store = store;
        this.runs = runs;
        this.metricsLog = metricsLog;
        this.ledger = ledger;
        this.codec = codec;
        this.status = status;
        this.outbox = outbox;
        this.relay = relay;
        this.reannouncer = reannouncer;
    }

    /**
     * Starts a run of the model against one of its reference versions, read and checked with that version's
     * configuration.
     *
     * @param referenceVersion the version to compare with, or {@code null} for the newest one not retired
     * @throws IllegalArgumentException when the source cannot be read, a required column is missing, or the model
     *                                  has no such (or no usable) reference version
     * @throws RetiredReferenceException when the version asked for is retired
     */
    public StartedRun start(String modelId, LocalDate date, String source, boolean rerun, Integer referenceVersion) {
        if (date == null) {
            throw new io.modelwatch.support.rest.InvalidFieldException("date", "'date' is required (ISO date, e.g. 2024-03-01)");
        }
        if (!rerun) {
            var existing = QuarkusTransaction.requiringNew().call(() -> runs.latest(modelId, date, source));
            if (existing.isPresent()) {
                return StartedRun.of(existing.get(), true);
            }
        }
        BatchStore.ReferenceVersion reference = referenceFor(modelId, referenceVersion);
        MonitoringPipeline pipeline = pipelines.forReference(reference.referenceId());
        Instant startedAt = Instant.now();
        String runId = UUID.randomUUID().toString();
        String batchId = UUID.randomUUID().toString();
        IngestedBatch batch = ingest(source, date, modelId, batchId, reference.referenceId(), pipeline);
        boolean hasLabels = batch.hasLabels();
        var quality = batch.quality();
        List<MetricRow> qualityRows = SectionMetrics.of(quality);
        // the events continue the trace of this request (the CronJob's call): one run, one trace
        String trace = TraceHeaders.traceparent(null);
        io.opentelemetry.api.trace.Span.current().setAttribute(EventSpans.RUN_ID, runId);

        RunInfo info = new RunInfo(runId, modelId, date, reference.source(), source, null, startedAt,
                reference.referenceId(), reference.version());
        BatchReady ready = BatchReady.of(runId, batchId, modelId, date, batch.rowCount(), hasLabels, source,
                reference.referenceId(), reference.version(), reference.source(), startedAt, trace);
        MetricsComputed qualityEvent = MetricsComputed.of(MetricsComputed.QUALITY, info, reference.rowCount(),
                batch.rowCount(), codec.tree(quality), qualityRows.size(), trace);
        List<PublishedEvent> published = new ArrayList<>();
        published.add(new PublishedEvent(BatchReady.TYPE, ready.eventId(), ready.traceparent(), codec.encode(ready)));
        published.add(new PublishedEvent(qualityEvent.type(), qualityEvent.eventId(), qualityEvent.traceparent(),
                codec.encode(qualityEvent)));

        IngestRun earlier = QuarkusTransaction.requiringNew().call(() -> {
            runs.lockIdentity(modelId, date, source);
            if (!rerun) {
                // an identical request may have stored the run while this one read the source
                var concurrent = runs.latest(modelId, date, source);
                if (concurrent.isPresent()) {
                    return concurrent.get();
                }
            }
            IngestRun run = new IngestRun();
            run.runId = runId;
            run.modelId = modelId;
            run.snapshotDate = date;
            run.source = source;
            run.referenceId = reference.referenceId();
            run.referenceVersion = reference.version();
            run.batchId = batchId;
            run.rowCount = batch.rowCount();
            run.hasLabels = hasLabels;
            run.qualityFindings = (int) qualityRows.stream().filter(r -> MetricRow.BREACH.equals(r.status())).count();
            run.startedAt = startedAt;
            runs.persist(run);
            metricsLog.append(info, qualityRows);
            // the ledger keeps what was announced, so an operator can re-announce a run (POST /runs/{id}/announce)
            ledger.record(runId, RUN_STARTED, ready.eventId(), published);
            outbox.enqueue(published);
            return null;
        });
        if (earlier != null) {
            store.deleteBatch(batchId); // an identical request stored its batch first
            return StartedRun.of(earlier, true);
        }
        relay.nudge();
        status.requested(RUN_STARTED, runId);
        return new StartedRun(runId, batchId, modelId, date, batch.rowCount(), hasLabels, reference.referenceId(),
                reference.version(), (int) qualityRows.stream().filter(r -> MetricRow.BREACH.equals(r.status())).count(),
                false);
    }

    /** Publishes a run's events again (through the outbox); consumers ignore what they already processed. */
    public boolean announceAgain(String runId) {
        boolean known = reannouncer.reannounce(runId, RUN_STARTED);
        // and the cohort's labels.ready, if its labels have matured
        reannouncer.reannounce(runId, io.modelwatch.core.events.LabelsReady.TYPE);
        return known;
    }

    /**
     * Reads the day's batch in chunks of {@code modelwatch.ingest.chunk-rows} rows and stores each as it arrives, while
     * its data-quality checks count it (the CLI's streamed checks): memory holds a few chunks, never the batch. A batch
     * that cannot be read or stored is removed; it is stored under {@code batchId} before its run is recorded, and
     * no event names it until then.
     */
    private IngestedBatch ingest(String source, LocalDate date, String modelId, String batchId, String referenceId,
                                 MonitoringPipeline pipeline) {
        ColumnRoles roles = pipeline.config().roles();
        int chunkRows = settings.chunkRows();
        BatchStore.ChunkedBatch[] stored = new BatchStore.ChunkedBatch[1];
        long[] rows = new long[1];
        long[] labelled = new long[1];
        try (QualityAccumulator quality = QualityAccumulator.of(pipeline.config())) {
            sources.stream(source, date, TableSchema.forConfig(pipeline.config()), chunkRows, chunk -> {
                if (stored[0] == null) {
                    requireContractColumns(pipeline.config(), chunk);
                    stored[0] = store.startBatch(batchId, modelId, date, chunk.source(), chunkRows);
                    hintStarted(batchId, referenceId);
                }
                quality.add(chunk);
                if (roles.target() != null) {
                    chunk.find(roles.target()).ifPresent(t -> labelled[0] += t.size() - t.nullCount());
                }
                stored[0].add(chunk);
                rows[0] += chunk.rowCount();
            });
            if (stored[0] == null) {
                throw new IllegalStateException(source + ": the reader handed over no chunk, not even an empty one");
            }
            stored[0].finish();
            return new IngestedBatch(Math.toIntExact(rows[0]), labelled[0] > 0, quality.result());
        } catch (RuntimeException | Error e) {
            if (stored[0] != null) {
                stored[0].close(); // no chunk is written after the batch is removed
                store.deleteBatch(batchId);
            }
            throw e;
        }
    }

    /**
     * Lets drift- and performance-service count the batch while it is stored ({@code BatchStreamer}). Only a hint,
     * sent at once rather than through the outbox: a lost one costs time, never a number, so it must not fail the run.
     */
    private void hintStarted(String batchId, String referenceId) {
        try {
            store.announceStarted(batchId, referenceId);
        } catch (RuntimeException e) {
            LOG.debugf("batch %s: no batch.started hint (%s); its sections are counted after batch.ready", batchId, e);
        }
    }

    /** A day's batch as stored: its rows, whether any has a label, and its data-quality findings. */
    private record IngestedBatch(int rowCount, boolean hasLabels, QualityReport quality) {
    }

    /**
     * The reference version a run compares with: the one asked for, which must exist and not be retired, or the
     * newest one not retired.
     */
    private BatchStore.ReferenceVersion referenceFor(String modelId, Integer wanted) {
        List<BatchStore.ReferenceVersion> versions = QuarkusTransaction.requiringNew().call(() -> store.versions(modelId));
        if (versions.isEmpty()) {
            throw new io.modelwatch.support.rest.InvalidFieldException("modelId", "no reference registered for model '" + modelId + "': POST /references first");
        }
        List<Integer> numbers = versions.stream().map(BatchStore.ReferenceVersion::version).toList();
        if (wanted != null) {
            BatchStore.ReferenceVersion v = versions.stream().filter(x -> x.version() == wanted).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("'referenceVersion': model '" + modelId
                            + "' has no reference version " + wanted + "; its versions are " + numbers));
            if (v.retired()) {
                throw new RetiredReferenceException("reference version " + wanted + " of model '" + modelId
                        + "' was retired at " + v.retiredAt() + ": a run cannot use it; use "
                        + BatchStore.ReferenceVersion.current(versions).map(a -> "version " + a.version()).orElse("a newly registered reference"));
            }
            return v;
        }
        return BatchStore.ReferenceVersion.current(versions).orElseThrow(() -> new RetiredReferenceException("every reference version of model '"
                + modelId + "' is retired " + numbers + ": register a new reference (POST /references) first"));
    }

    /** The id and probability columns, checked on the first chunk (every chunk has the same columns). */
    private static void requireContractColumns(MonitoringConfig config, ColumnBatch batch) {
        List<String> missing = RequiredColumns.missing(batch, config);
        if (!missing.isEmpty()) {
            throw new io.modelwatch.support.rest.InvalidFieldException("source", batch.source() + ": required column(s) " + missing
                    + " missing; columns are " + batch.columnNames());
        }
    }

    /**
     * What {@code POST /runs} answers.
     *
     * @param qualityFindings data-quality metric rows in breach (rows are kept, never dropped)
     * @param referenceVersion the model's reference version the run compares against
     * @param existing        true when this is an earlier run of the same model, date and source
     */
    @Schema(name = "StartedRun", description = "What POST /runs answers")
    public record StartedRun(String runId, String batchId, String modelId, LocalDate date, int rowCount,
                             boolean hasLabels, String referenceId, Integer referenceVersion, int qualityFindings,
                             boolean existing) {

        static StartedRun of(IngestRun run, boolean existing) {
            return new StartedRun(run.runId, run.batchId, run.modelId, run.snapshotDate, run.rowCount, run.hasLabels,
                    run.referenceId, run.referenceVersion, run.qualityFindings, existing);
        }
    }
}
