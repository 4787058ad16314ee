package io.modelwatch.ingest.rest;

import io.modelwatch.ingest.domain.IngestRun;
import io.modelwatch.ingest.repository.IngestRunRepository;
import io.modelwatch.ingest.service.RunIngestion;
import io.modelwatch.ingest.service.RunIngestion.StartedRun;
import io.modelwatch.support.config.MonitoringSettings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /runs} starts the daily run (the Kubernetes CronJob calls it): 202 for a new run, 200 with the
 * existing run when this model, date and source already ran (unless {@code rerun}); {@code GET /runs/{id}} shows
 * what was ingested; {@code POST /runs/{id}/announce} re-publishes a run's events.
 */
@Path("/runs")
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
    public Response start(RunRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body {modelId, date, source} is required");
        }
        String modelId = request.modelId() == null || request.modelId().isBlank() ? settings.defaultModelId() : request.modelId();
        StartedRun started = ingestion.start(modelId, request.date(), request.source(),
                Boolean.TRUE.equals(request.rerun()), request.referenceVersion());
        return started.existing() ? Response.ok(started).build() : Response.accepted(started).build();
    }

    @GET
    @Path("/{runId}")
    public IngestRun get(@PathParam("runId") String runId) {
        IngestRun run = runs.findById(runId);
        if (run == null) {
            throw new NotFoundException("no run '" + runId + "'");
        }
        return run;
    }

    @POST
    @Path("/{runId}/announce")
    public Response announce(@PathParam("runId") String runId) {
        if (!ingestion.announceAgain(runId)) {
            throw new NotFoundException("no run '" + runId + "'");
        }
        return Response.accepted().build();
    }
}
