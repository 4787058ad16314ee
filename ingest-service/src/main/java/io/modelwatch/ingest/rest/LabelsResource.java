package io.modelwatch.ingest.rest;

import io.modelwatch.ingest.service.LabelIngestion;
import io.modelwatch.ingest.service.LabelIngestion.Received;
import io.modelwatch.support.config.MonitoringSettings;
import io.modelwatch.support.rest.ApiError;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /labels} delivers late labels for a prediction-date cohort: 202 when this delivery completed
 * the cohort ({@code labels.ready} published), 200 otherwise (coverage still below {@code labels.min_coverage},
 * or the cohort was already realised).
 */
@Path("/labels")
@Tag(name = "Runs")
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
    @Operation(summary = "Deliver late labels", description = "Joins the labels to the cohort's stored batch; at the configured "
            + "coverage (labels.min_coverage) announces labels.ready, and the cohort's performance is realised")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LabelsRequest.class),
            examples = @ExampleObject(name = "a cohort's labels", value = "{\"modelId\": \"churn\", \"date\": \"2026-01-01\", "
                    + "\"source\": \"/data/labels-2026-01-01.csv\"}")))
    @APIResponse(responseCode = "202", description = "This delivery completed the cohort: labels.ready published",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = io.modelwatch.ingest.service.LabelIngestion.Received.class)))
    @APIResponse(responseCode = "200", description = "Stored; the cohort is below the coverage it needs, or was realised before",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = io.modelwatch.ingest.service.LabelIngestion.Received.class),
                    examples = @ExampleObject(name = "half labelled", value = "{\"runId\": \"6f0c…\", \"batchId\": \"b41…\", "
                            + "\"rowCount\": 20000, \"labelRows\": 10000, \"matched\": 10000, \"unmatchedLabels\": 0, "
                            + "\"duplicateLabelIds\": 0, \"labelledRows\": 10000, \"coverage\": 0.5, \"minCoverage\": 0.9, "
                            + "\"realised\": false, \"published\": false, \"alreadyRealised\": false}")))
    @APIResponse(responseCode = "422", description = "A request the caller can fix (unreadable source, missing column, invalid config)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response receive(LabelsRequest request) {
        if (request == null) {
            throw new io.modelwatch.support.rest.InvalidFieldException("body", "a JSON body {modelId, date, source} is required");
        }
        String modelId = request.modelId() == null || request.modelId().isBlank() ? settings.defaultModelId() : request.modelId();
        Received received = labels.receive(modelId, request.date(), request.source());
        return received.published() ? Response.accepted(received).build() : Response.ok(received).build();
    }
}
