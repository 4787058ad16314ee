package io.modelwatch.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.core.result.RunInfo;

import java.util.List;
import java.util.UUID;

/**
 * One section of a run has been computed and its metric rows stored.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param eventId       unique id of this event
 * @param runId         the run
 * @param kind          {@link #DRIFT}, {@link #PERFORMANCE} or {@link #QUALITY}
 * @param run           what the run was given (needed to assemble the result), with the registered reference
 *                      whose configuration the run is computed with ({@code run.referenceId})
 * @param referenceRows rows of the reference the profile was computed from
 * @param currentRows   rows of the current batch
 * @param section       the section as JSON ({@code DriftSection}, {@code PerformanceSection}, {@code QualitySection})
 * @param metricRows    number of metric rows stored for this section
 * @param traceparent   W3C trace context
 */
public record MetricsComputed(int schemaVersion, String eventId, String runId, String kind, RunInfo run,
                              long referenceRows, long currentRows, JsonNode section, int metricRows, String traceparent) {

    public static final int SCHEMA_VERSION = 1;
    public static final String DRIFT = "drift";
    public static final String PERFORMANCE = "performance";
    public static final String QUALITY = "quality";
    /** Every section a complete run has. */
    public static final List<String> ALL_KINDS = List.of(DRIFT, PERFORMANCE, QUALITY);

    public static MetricsComputed of(String kind, RunInfo run, long referenceRows, long currentRows, JsonNode section,
                                     int metricRows, String traceparent) {
        return new MetricsComputed(SCHEMA_VERSION, UUID.randomUUID().toString(), run.runId(), kind, run,
                referenceRows, currentRows, section, metricRows, traceparent);
    }

    /** The event type, which is also its routing key: {@code metrics.<kind>}. */
    public String type() {
        return "metrics." + kind;
    }

    /** Throws {@link IllegalArgumentException} naming the first missing field or an unknown kind. */
    public MetricsComputed validate() {
        String t = "metrics";
        EventValidation.requireVersion(t, schemaVersion, SCHEMA_VERSION);
        EventValidation.require(t, "eventId", eventId);
        EventValidation.require(t, "runId", runId);
        EventValidation.require(t, "kind", kind);
        if (!ALL_KINDS.contains(kind)) {
            throw new IllegalArgumentException("metrics: unknown kind '" + kind + "', expected one of " + ALL_KINDS);
        }
        EventValidation.require(t, "run", run);
        EventValidation.require(t, "run.referenceId", run.referenceId());
        EventValidation.require(t, "section", section);
        return this;
    }

    /** {@link #validate()} for {@code metrics.performance.realised}: a performance section, nothing else. */
    public MetricsComputed validateRealised() {
        validate();
        if (!PERFORMANCE.equals(kind)) {
            throw new IllegalArgumentException(Channels.METRICS_PERFORMANCE_REALISED + ": kind must be '"
                    + PERFORMANCE + "', got '" + kind + "'");
        }
        return this;
    }
}
