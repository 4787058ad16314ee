package io.modelwatch.alert.rest;

import io.modelwatch.alert.domain.AlertRecord;
import io.modelwatch.alert.domain.AlertState;
import io.modelwatch.alert.repository.AlertRepository;
import io.modelwatch.alert.repository.AlertStateRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /models/{id}/open-alerts}: the model's alerts that are open (notified and not yet measured back in
 * bounds), one per metric, column and segment, with the last alert raised for it. ingest-service's
 * {@code GET /models/{id}} shows them.
 */
@Path("/models/{modelId}/open-alerts")
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "Alerts")
public class ModelAlertResource {

    private final AlertStateRepository states;
    private final AlertRepository alerts;

    public ModelAlertResource(AlertStateRepository states, AlertRepository alerts) {
        this.states = states;
        this.alerts = alerts;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "A model's open alerts",
            description = "Notified and not yet measured back in bounds; one per metric, column and segment")
    public List<OpenAlertView> open(@PathParam("modelId") String modelId) {
        return QuarkusTransaction.requiringNew().call(() -> states.openFor(modelId).stream()
                .map(s -> OpenAlertView.of(s, alerts.findById(s.lastAlertId))).toList());
    }

    /**
     * One open alert.
     *
     * @param openedAt       when it was first notified
     * @param lastNotifiedAt when it was last notified (escalation or after the cooldown)
     * @param runId          the run of the last alert ({@code null} for the dead-man's switch)
     */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "OpenAlert")
    public record OpenAlertView(String alertKey, String severity, Instant openedAt, Instant lastNotifiedAt, long alertId,
                                String runId, LocalDate snapshotDate, String rule, String category, String metric,
                                String column, String segment, Double value, Double threshold, String message) {

        static OpenAlertView of(AlertState s, AlertRecord r) {
            return new OpenAlertView(s.alertKey, s.severity.name(), s.openedAt, s.lastNotifiedAt, r.id, r.runId,
                    r.snapshotDate, r.rule, r.metricCategory, r.metricName, r.column, r.segment, r.metricValue,
                    r.threshold, r.message);
        }
    }
}
