package io.modelwatch.ingest.service;

import io.modelwatch.core.config.ColumnRoles;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.TimestampColumn;
import io.modelwatch.core.events.LabelsReady;
import io.modelwatch.core.labels.LabelIndex;
import io.modelwatch.core.labels.LabelJoin;
import io.modelwatch.ingest.domain.IngestRun;
import io.modelwatch.ingest.domain.LabelDelivery;
import io.modelwatch.ingest.repository.IngestRunRepository;
import io.modelwatch.ingest.repository.LabelDeliveryRepository;
import io.modelwatch.support.compute.ModelPipelines;
import io.modelwatch.support.domain.PublishedEvent;
import io.modelwatch.support.messaging.EventCodec;
import io.modelwatch.support.outbox.EventOutbox;
import io.modelwatch.support.outbox.EventRelay;
import io.modelwatch.support.repository.EventLedger;
import io.modelwatch.support.status.ServiceStatus;
import io.modelwatch.support.store.BatchStore;
import io.modelwatch.support.telemetry.TraceHeaders;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Late labels for a prediction-date cohort (the stored batch of the model's run on that date): reads the
 * label file, joins it to the cohort by customer id as the core {@link LabelJoin} does, and stores the target
 * (and label date) as columns of the same stored batch. The batch is read and written a chunk at a time
 * ({@link BatchStore#addColumns}): memory grows with the label file ({@link LabelIndex}), not with the cohort.
 * Labels accumulate over deliveries: a row keeps an earlier label unless the new file labels it too. Once the
 * cohort's label coverage reaches {@code labels.min_coverage} it announces {@code labels.ready} — once per run; after that the cohort is
 * realised and later deliveries change nothing (the realised metrics stay those of the stored labels).
 */
@ApplicationScoped
public class LabelIngestion {

    private final BatchSources sources;
    private final ModelPipelines pipelines;
    private final BatchStore store;
    private final IngestRunRepository runs;
    private final LabelDeliveryRepository deliveries;
    private final EventLedger ledger;
    private final EventCodec codec;
    private final ServiceStatus status;
    private final EventOutbox outbox;
    private final EventRelay relay;

    public LabelIngestion(BatchSources sources, ModelPipelines pipelines, BatchStore store, IngestRunRepository runs,
                          LabelDeliveryRepository deliveries, EventLedger ledger, EventCodec codec, ServiceStatus status,
                          EventOutbox outbox, EventRelay relay) {
        this.sources = sources;
        this.pipelines = pipelines;
        this.store = store;
        this.runs = runs;
        this.deliveries = deliveries;
        this.ledger = ledger;
        this.codec = codec;
        this.status = status;
        this.outbox = outbox;
        this.relay = relay;
    }

    /**
     * @throws IllegalArgumentException when the date is missing, the model has no run on that date, or the
     *                                  label source cannot be read or lacks the id or target column
     */
    public Received receive(String modelId, LocalDate date, String source) {
        if (date == null) {
            throw new io.modelwatch.support.rest.InvalidFieldException("date", "'date' is required: the prediction date of the cohort (ISO date)");
        }
        IngestRun run = QuarkusTransaction.requiringNew().call(() -> runs.latest(modelId, date)).orElseThrow(() ->
                new io.modelwatch.support.rest.InvalidFieldException("date", "no run of model '" + modelId + "' on " + date + ": POST /runs first"));
        if (QuarkusTransaction.requiringNew().call(() -> ledger.previous(run.runId, LabelsReady.TYPE)).isPresent()) {
            return alreadyRealised(run);
        }
        // the roles and the coverage rule of the configuration the run was computed with
        MonitoringConfig config = pipelines.forReference(run.referenceId).config();
        ColumnRoles roles = config.roles();
        double minCoverage = config.labels().minCoverage();
        ColumnBatch labels = sources.readLabels(source, date, roles);
        for (String required : List.of(roles.id(), roles.target())) {
            if (!labels.has(required)) {
                throw new io.modelwatch.support.rest.InvalidFieldException("source", labels.source() + ": label column '" + required
                        + "' missing; columns are " + labels.columnNames());
            }
        }

        List<PublishedEvent> published = new ArrayList<>();
        Received received = QuarkusTransaction.requiringNew().call(() -> {
            // one delivery at a time per cohort: concurrent deliveries would overwrite each other's labels
            IngestRun locked = runs.findById(run.runId, LockModeType.PESSIMISTIC_WRITE);
            if (ledger.previous(locked.runId, LabelsReady.TYPE).isPresent()) {
                return null;
            }
            List<String> wanted = new ArrayList<>(List.of(roles.id(), roles.target()));
            if (roles.labelDate() != null) {
                wanted.add(roles.labelDate());
            }
            // the cohort's ids read chunk by chunk, each chunk's label columns written into it
            LabelIndex index = LabelIndex.of(labels, roles);
            long[] unlabelled = new long[1];
            store.addColumns(locked.batchId, wanted, chunk -> {
                LabelIndex.Labels joined = index.join(chunk);
                NumericColumn target = mergeTarget(joined.target(), chunk.find(roles.target()).orElse(null));
                unlabelled[0] += target.nullCount();
                List<Column> merged = new ArrayList<>(List.of(target));
                if (joined.labelDates() != null) {
                    merged.add(mergeDates(joined.labelDates(), chunk.find(roles.labelDate()).orElse(null)));
                }
                return merged;
            });

            int labelled = (int) (locked.rowCount - unlabelled[0]);
            double coverage = locked.rowCount == 0 ? 0 : (double) labelled / locked.rowCount;
            boolean realised = labelled > 0 && coverage >= minCoverage;

            LabelDelivery d = new LabelDelivery();
            d.runId = locked.runId;
            d.source = source;
            d.labelRows = labels.rowCount();
            d.matched = (int) index.matched();
            d.unmatchedLabels = (int) index.unmatchedLabels();
            d.duplicateLabelIds = (int) index.duplicateLabelIds();
            d.labelledRows = labelled;
            d.coverage = coverage;
            d.realised = realised;
            d.receivedAt = Instant.now();
            deliveries.persist(d);

            if (realised) {
                BatchStore.StoredProfile reference = store.profile(locked.referenceId).orElseThrow(() ->
                        new IllegalStateException("the reference " + locked.referenceId + " of run " + locked.runId
                                + " is no longer stored"));
                LabelsReady ready = LabelsReady.of(locked.runId, locked.batchId, locked.modelId, locked.snapshotDate,
                        locked.referenceId, locked.referenceVersion, reference.source(), locked.source, source, locked.rowCount, labelled,
                        locked.startedAt, TraceHeaders.traceparent(null));
                published.add(new PublishedEvent(LabelsReady.TYPE, ready.eventId(), ready.traceparent(), codec.encode(ready)));
                ledger.record(locked.runId, LabelsReady.TYPE, ready.eventId(), published);
                outbox.enqueue(published);
            }
            return new Received(locked.runId, locked.batchId, locked.rowCount, labels.rowCount(), index.matched(),
                    index.unmatchedLabels(), index.duplicateLabelIds(), labelled, coverage, minCoverage, realised,
                    realised, false);
        });
        if (received == null) {
            return alreadyRealised(run); // a concurrent delivery completed the cohort first
        }
        if (!published.isEmpty()) {
            relay.nudge();
        }
        status.requested(received.realised() ? "labels.realised" : "labels.received", run.runId);
        return received;
    }

    private Received alreadyRealised(IngestRun run) {
        LabelDelivery last = QuarkusTransaction.requiringNew().call(() -> deliveries.latest(run.runId)).orElse(null);
        int labelled = last == null ? 0 : last.labelledRows;
        double coverage = last == null ? 0 : last.coverage;
        return new Received(run.runId, run.batchId, run.rowCount, 0, 0, 0, 0, labelled, coverage,
                pipelines.forReference(run.referenceId).config().labels().minCoverage(), true, false, true);
    }

    /** The new labels, and the earlier ones where the new file has none. */
    private static NumericColumn mergeTarget(NumericColumn fresh, Column earlier) {
        double[] values = fresh.values().clone();
        if (earlier instanceof NumericColumn old) {
            for (int r = 0; r < values.length; r++) {
                if (Double.isNaN(values[r])) {
                    values[r] = old.values()[r];
                }
            }
        }
        return new NumericColumn(fresh.name(), values);
    }

    private static TimestampColumn mergeDates(TimestampColumn fresh, Column earlier) {
        long[] values = fresh.epochMillis().clone();
        if (earlier instanceof TimestampColumn old) {
            for (int r = 0; r < values.length; r++) {
                if (values[r] == TimestampColumn.NULL_VALUE) {
                    values[r] = old.epochMillis()[r];
                }
            }
        }
        return new TimestampColumn(fresh.name(), values);
    }

    /**
     * What {@code POST /labels} answers.
     *
     * @param labelRows         rows of this label file
     * @param matched           predictions this file labelled
     * @param unmatchedLabels   label rows whose id is not in the cohort
     * @param duplicateLabelIds label rows repeating an id
     * @param labelledRows      predictions with a label now
     * @param coverage          {@code labelledRows / rowCount}
     * @param realised          the cohort has reached {@code minCoverage} (now or earlier)
     * @param published         this request announced {@code labels.ready}
     * @param alreadyRealised   the cohort was realised before this request, which changed nothing
     */
    @Schema(name = "LabelsReceived", description = "What POST /labels answers")
    public record Received(String runId, String batchId, int rowCount, int labelRows, long matched,
                           long unmatchedLabels, long duplicateLabelIds, int labelledRows, double coverage,
                           double minCoverage, boolean realised, boolean published, boolean alreadyRealised) {
    }
}
