package io.modelwatch.core.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A day's batch has been validated and stored; consumers load it from the batch store by {@code batchId}.
 * It never carries rows.
 *
 * @param schemaVersion   {@link #SCHEMA_VERSION}
 * @param eventId         unique id of this event
 * @param runId           the run it starts
 * @param batchId         key of the stored batch
 * @param modelId         monitored model
 * @param date            business date of the batch
 * @param rowCount        number of rows stored
 * @param hasLabels       whether the batch carries the target column (realised performance possible)
 * @param source          where the batch was read from (file, URL or warehouse table)
 * @param referenceId     the registered reference whose stored profile the run compares against
 * @param referenceSource where the reference the profile was computed from came from
 * @param startedAt       when the run started
 * @param traceparent     W3C trace context
 * @param referenceVersion the model's reference version of {@code referenceId} (added within version 1: absent in
 *                        events published before models had versions)
 */
public record BatchReady(int schemaVersion, String eventId, String runId, String batchId, String modelId,
                         LocalDate date, int rowCount, boolean hasLabels, String source, String referenceId,
                         String referenceSource, Instant startedAt, String traceparent, Integer referenceVersion)
        implements BatchEvent {

    public static final int SCHEMA_VERSION = 1;
    public static final String TYPE = Channels.BATCH_READY;

    public static BatchReady of(String runId, String batchId, String modelId, LocalDate date, int rowCount,
                                boolean hasLabels, String source, String referenceId, int referenceVersion,
                                String referenceSource, Instant startedAt, String traceparent) {
        return new BatchReady(SCHEMA_VERSION, UUID.randomUUID().toString(), runId, batchId, modelId, date,
                rowCount, hasLabels, source, referenceId, referenceSource, startedAt, traceparent, referenceVersion);
    }

    /** Throws {@link IllegalArgumentException} naming the first missing field or an unsupported version. */
    public BatchReady validate() {
        EventValidation.requireBatch(TYPE, SCHEMA_VERSION, this);
        return this;
    }

    /** What the run was given, in the core's terms. */
    public io.modelwatch.core.result.RunInfo runInfo() {
        return new io.modelwatch.core.result.RunInfo(runId, modelId, date, referenceSource, source, null, startedAt,
                referenceId, referenceVersion);
    }
}
