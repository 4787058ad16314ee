package io.modelwatch.core.events;

import io.modelwatch.core.alerts.Alert;

import java.time.LocalDate;
import java.util.UUID;

/**
 * An alert was raised for a run and stored; delivery (Slack, email) consumes this event.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param eventId       unique id of this event
 * @param runId         the run
 * @param modelId       monitored model
 * @param date          business date of the run
 * @param alert         the alert
 * @param traceparent   W3C trace context
 */
public record AlertRaised(int schemaVersion, String eventId, String runId, String modelId, LocalDate date,
                          Alert alert, String traceparent) {

    public static final int SCHEMA_VERSION = 1;
    public static final String TYPE = Channels.ALERT_RAISED;

    public static AlertRaised of(String runId, String modelId, LocalDate date, Alert alert, String traceparent) {
        return new AlertRaised(SCHEMA_VERSION, UUID.randomUUID().toString(), runId, modelId, date, alert, traceparent);
    }

    /**
     * Throws {@link IllegalArgumentException} naming the first missing field or an unsupported version. The run
     * may be absent: the dead-man's switch raises alerts for a run that did not happen.
     */
    public AlertRaised validate() {
        EventValidation.requireVersion(TYPE, schemaVersion, SCHEMA_VERSION);
        EventValidation.require(TYPE, "eventId", eventId);
        EventValidation.require(TYPE, "modelId", modelId);
        EventValidation.require(TYPE, "alert", alert);
        EventValidation.require(TYPE, "alert.severity", alert.severity());
        EventValidation.require(TYPE, "alert.metric", alert.metric());
        return this;
    }
}
