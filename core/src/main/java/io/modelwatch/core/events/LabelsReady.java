package io.modelwatch.core.events;

import io.modelwatch.core.result.RunInfo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The labels of a prediction-date cohort have matured: at least {@code labels.min_coverage} of the rows of
 * the run's stored batch now carry a label (the target column was added to the batch in the store, under
 * the same batch id). Consumers compute the realised performance from the stored batch. Published once per
 * run. It never carries rows.
 *
 * @param schemaVersion     {@link #SCHEMA_VERSION}
 * @param eventId           unique id of this event
 * @param runId             the day-0 run whose predictions the labels belong to
 * @param batchId           key of the stored batch, now with its labels
 * @param modelId           monitored model
 * @param date              prediction date of the cohort
 * @param referenceId       the reference profile the run was compared against
 * @param referenceSource   where that reference came from
 * @param predictionsSource where the predictions were read from
 * @param labelsSource      where the labels that completed the cohort were read from
 * @param rowCount          rows of the cohort
 * @param labelledRows      rows with a label
 * @param coverage          {@code labelledRows / rowCount}
 * @param startedAt         when the day-0 run started
 * @param traceparent       W3C trace context
 * @param referenceVersion  the model's reference version of {@code referenceId} (added within version 1)
 */
public record LabelsReady(int schemaVersion, String eventId, String runId, String batchId, String modelId,
                          LocalDate date, String referenceId, String referenceSource, String predictionsSource,
                          String labelsSource, int rowCount, long labelledRows, double coverage, Instant startedAt,
                          String traceparent, Integer referenceVersion)
        implements BatchEvent {

    public static final int SCHEMA_VERSION = 1;
    public static final String TYPE = Channels.LABELS_READY;

    public static LabelsReady of(String runId, String batchId, String modelId, LocalDate date, String referenceId,
                                 Integer referenceVersion, String referenceSource, String predictionsSource,
                                 String labelsSource, int rowCount, long labelledRows, Instant startedAt,
                                 String traceparent) {
        double coverage = rowCount == 0 ? 0 : (double) labelledRows / rowCount;
        return new LabelsReady(SCHEMA_VERSION, UUID.randomUUID().toString(), runId, batchId, modelId, date,
                referenceId, referenceSource, predictionsSource, labelsSource, rowCount, labelledRows, coverage,
                startedAt, traceparent, referenceVersion);
    }

    /** Throws {@link IllegalArgumentException} naming the first missing field or an unsupported version. */
    public LabelsReady validate() {
        EventValidation.requireBatch(TYPE, SCHEMA_VERSION, this);
        return this;
    }

    /** The run in the core's terms, with the labels' source. */
    public RunInfo runInfo() {
        return new RunInfo(runId, modelId, date, referenceSource, predictionsSource, labelsSource, startedAt, referenceId,
                referenceVersion);
    }
}
