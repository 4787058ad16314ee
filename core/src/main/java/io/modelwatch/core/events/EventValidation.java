package io.modelwatch.core.events;

/** Checks shared by the event records: a missing field names itself and the event type. */
final class EventValidation {

    private EventValidation() {
    }

    static void require(String eventType, String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new IllegalArgumentException(eventType + ": missing field '" + field + "'");
        }
    }

    static void requireVersion(String eventType, int actual, int supported) {
        if (actual != supported) {
            throw new IllegalArgumentException(eventType + ": schemaVersion " + actual
                    + " is not supported (expected " + supported + ")");
        }
    }

    /**
     * Checks the fields every batch event carries, in this order: the version, then {@code eventId}, {@code runId},
     * {@code batchId}, {@code modelId}, {@code date} and {@code referenceId}.
     */
    static void requireBatch(String eventType, int supportedVersion, BatchEvent event) {
        requireVersion(eventType, event.schemaVersion(), supportedVersion);
        require(eventType, "eventId", event.eventId());
        require(eventType, "runId", event.runId());
        require(eventType, "batchId", event.batchId());
        require(eventType, "modelId", event.modelId());
        require(eventType, "date", event.date());
        require(eventType, "referenceId", event.referenceId());
    }
}
