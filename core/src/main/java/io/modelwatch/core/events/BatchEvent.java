package io.modelwatch.core.events;

import java.time.LocalDate;

/**
 * The fields that every event about one stored batch carries ({@link BatchReady}, {@link LabelsReady}), so
 * that they are checked in one place ({@link EventValidation#requireBatch}).
 */
interface BatchEvent {

    int schemaVersion();

    String eventId();

    String runId();

    String batchId();

    String modelId();

    LocalDate date();

    String referenceId();
}
