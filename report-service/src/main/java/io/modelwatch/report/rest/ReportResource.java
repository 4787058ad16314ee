package io.modelwatch.report.rest;

import io.modelwatch.core.report.CsvExport;
import io.modelwatch.report.domain.RunReport;
import io.modelwatch.report.repository.RunReportRepository;
import io.modelwatch.report.service.Dashboard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A run's rendered outputs: {@code report} (HTML), {@code snapshot} (JSON), {@code metrics.csv}, {@code alerts.csv}. */
@Path("/runs/{runId}")
@Tag(name = "Reports", description = "A run's report, snapshot and exports (the CLI's report folder)")
public class ReportResource {

    private final RunReportRepository reports;
    private final Dashboard dashboard;

    public ReportResource(RunReportRepository reports, Dashboard dashboard) {
        this.reports = reports;
        this.dashboard = dashboard;
    }

    @GET
    @Path("/report")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The run's report.html", description = "One self-contained HTML file, as the CLI writes it")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No report for the run (yet: it is rendered once all of its metric events have arrived)")
    public String report(@PathParam("runId") String runId) {
        return find(runId).reportHtml;
    }

    @GET
    @Path("/snapshot")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The run's snapshot.json", description = "The versioned report contract (docs/output-format.md): "
            + "run, drift, performance, quality, importance, segments, root cause, alerts, metrics")
    @APIResponse(responseCode = "200", description = "The snapshot",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    description = "snapshot.json (docs/output-format.md)"),
                    examples = @ExampleObject(name = "excerpt", value = "{\"formatVersion\": 1, \"run\": {\"runId\": \"6f0c…\", "
                            + "\"modelId\": \"churn\", \"snapshotDate\": \"2026-03-01\", \"referenceVersion\": 1}, "
                            + "\"drift\": {\"datasetDrift\": true, \"share\": 0.32}, \"alerts\": [{\"severity\": \"HIGH\", "
                            + "\"key\": \"psi/psi/account_age/\"}]}")))
    @APIResponse(responseCode = "404", description = "No report for the run (yet: it is rendered once all of its metric events have arrived)")
    public String snapshot(@PathParam("runId") String runId) {
        return find(runId).snapshotJson;
    }

    @GET
    @Path("/metrics.csv")
    @Produces("text/csv")
    @Operation(summary = "The run's metrics.csv", description = "Every metric row of the run")
    @APIResponse(responseCode = "200", description = "CSV with a header row",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "first rows", value = "snapshot_date,run_id,model_id,metric_category,"
                            + "metric_name,column,segment,metric_value,threshold,status,role\n2026-03-01,6f0c…,churn,psi,psi,"
                            + "account_age,,0.31,,breach,feature")))
    @APIResponse(responseCode = "404", description = "No report for the run (yet: it is rendered once all of its metric events have arrived)")
    public String metrics(@PathParam("runId") String runId) {
        return find(runId).metricsCsv;
    }

    @GET
    @Path("/alerts.csv")
    @Produces("text/csv")
    @Operation(summary = "The run's alerts.csv")
    @APIResponse(responseCode = "200", description = "CSV with a header row",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No report for the run (yet: it is rendered once all of its metric events have arrived)")
    public String alerts(@PathParam("runId") String runId) {
        return CsvExport.alerts(dashboard.snapshot(find(runId)).alerts());
    }

    private RunReport find(String runId) {
        return reports.findByIdOptional(runId).orElseThrow(() -> new NotFoundException(
                "no report for run '" + runId + "' (yet: it is rendered once all of its metric events have arrived)"));
    }
}
