package io.modelwatch.alert.rest;

import io.modelwatch.alert.domain.AlertRecord;
import io.modelwatch.alert.repository.AlertRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code GET /runs/{id}/alerts}: the alerts stored for a run. */
@Path("/runs/{runId}/alerts")
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "Alerts")
public class AlertResource {

    private final AlertRepository alerts;

    public AlertResource(AlertRepository alerts) {
        this.alerts = alerts;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "A run's alerts")
    public List<AlertRecord> alerts(@PathParam("runId") String runId) {
        return alerts.forRun(runId);
    }
}
