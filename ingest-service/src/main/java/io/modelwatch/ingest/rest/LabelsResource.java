package io.modelwatch.ingest.rest;

import io.modelwatch.ingest.service.LabelIngestion;
import io.modelwatch.ingest.service.LabelIngestion.Received;
import io.modelwatch.support.config.MonitoringSettings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /labels} delivers late labels for a prediction-date cohort: 202 when this delivery completed
 * the cohort ({@code labels.ready} published), 200 otherwise (coverage still below {@code labels.min_coverage},
 * or the cohort was already realised).
 */
@Path("/labels")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LabelsResource {

    private final LabelIngestion labels;
    private final MonitoringSettings settings;

    public LabelsResource(LabelIngestion labels, MonitoringSettings settings) {
        this.labels = labels;
        this.settings = settings;
    }

    @POST
    public Response receive(LabelsRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body {modelId, date, source} is required");
        }
        String modelId = request.modelId() == null || request.modelId().isBlank() ? settings.defaultModelId() : request.modelId();
        Received received = labels.receive(modelId, request.date(), request.source());
        return received.published() ? Response.accepted(received).build() : Response.ok(received).build();
    }
}
