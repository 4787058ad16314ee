package io.modelwatch.ingest.rest;

import io.modelwatch.ingest.domain.IngestRun;
import io.modelwatch.ingest.repository.IngestRunRepository;
import io.modelwatch.ingest.service.RunIngestion;
import io.modelwatch.ingest.service.RunIngestion.StartedRun;
import io.modelwatch.support.config.MonitoringSettings;
import io.modelwatch.support.rest.ApiError;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
 * {@code POST /runs} starts the daily run (the Kubernetes CronJob calls it): 202 for a new run, 200 with the
 * existing run when this model, date and source already ran (unless {@code rerun}); {@code GET /runs/{id}} shows
 * what was ingested; {@code POST /runs/{id}/announce} re-publishes a run's events.
 */
@Path("/runs")
@Tag(name = "Runs", description = "Start a model's daily run and follow it")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    private final RunIngestion ingestion;
    private final IngestRunRepository runs;
    private final MonitoringSettings settings;

    public RunResource(RunIngestion ingestion, IngestRunRepository runs, MonitoringSettings settings) {
        this.ingestion = ingestion;
        this.runs = runs;
        this.settings = settings;
    }

    @POST
    @Operation(summary = "Start a run", description = "Reads and checks the day's batch, stores it and announces batch.ready; "
            + "drift, performance, alert and report services take it from there. The Kubernetes CronJob calls this.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RunRequest.class),
            examples = {
                    @ExampleObject(name = "daily run", summary = "yesterday's predictions from the warehouse",
                            value = "{\"modelId\": \"churn\", \"date\": \"2026-03-01\", \"source\": \"warehouse:\"}"),
                    @ExampleObject(name = "rerun of a file", summary = "a day again, from a file, against version 2",
                            value = "{\"modelId\": \"churn\", \"date\": \"2026-03-01\", \"source\": \"/data/2026-03-01.csv\", "
                                    + "\"rerun\": true, \"referenceVersion\": 2}")}))
    @APIResponse(responseCode = "202", description = "A new run started",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StartedRun.class),
                    examples = @ExampleObject(name = "started", value = "{\"runId\": \"6f0c2d1e-…\", \"batchId\": \"b41…\", "
                            + "\"modelId\": \"churn\", \"date\": \"2026-03-01\", \"rowCount\": 20000, \"hasLabels\": false, "
                            + "\"referenceId\": \"9d3…\", \"referenceVersion\": 1, \"qualityFindings\": 2, \"existing\": false}")))
    @APIResponse(responseCode = "200", description = "This model, date and source already ran: that run (existing = true)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StartedRun.class)))
    @APIResponse(responseCode = "409", description = "The reference version asked for is retired",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "422", description = "A request the caller can fix (unreadable source, missing column, invalid config)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response start(RunRequest request) {
        if (request == null) {
            throw new io.modelwatch.support.rest.InvalidFieldException("body", "a JSON body {modelId, date, source} is required");
        }
        String modelId = request.modelId() == null || request.modelId().isBlank() ? settings.defaultModelId() : request.modelId();
        StartedRun started = ingestion.start(modelId, request.date(), request.source(),
                Boolean.TRUE.equals(request.rerun()), request.referenceVersion());
        return started.existing() ? Response.ok(started).build() : Response.accepted(started).build();
    }

    @GET
    @Path("/{runId}")
    @Operation(summary = "What a run ingested")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IngestRun.class)))
    @APIResponse(responseCode = "404", description = "No such run")
    public IngestRun get(@PathParam("runId") String runId) {
        IngestRun run = runs.findById(runId);
        if (run == null) {
            throw new NotFoundException("no run '" + runId + "'");
        }
        return run;
    }

    @POST
    @Path("/{runId}/announce")
    @Operation(summary = "Publish a run's events again", description = "After a broker outage; consumers ignore what they processed")
    @APIResponse(responseCode = "202", description = "Re-published")
    @APIResponse(responseCode = "404", description = "No such run")
    public Response announce(@PathParam("runId") String runId) {
        if (!ingestion.announceAgain(runId)) {
            throw new NotFoundException("no run '" + runId + "'");
        }
        return Response.accepted().build();
    }
}
