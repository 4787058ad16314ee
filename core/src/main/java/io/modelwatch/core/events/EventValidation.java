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
}
