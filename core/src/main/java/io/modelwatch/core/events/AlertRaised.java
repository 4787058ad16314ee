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
}
