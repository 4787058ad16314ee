package io.modelwatch.report.rest;

import io.modelwatch.core.report.CsvExport;
import io.modelwatch.report.service.Dashboard;
import io.modelwatch.report.domain.RunReport;
import io.modelwatch.report.repository.RunReportRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A run's rendered outputs: {@code report} (HTML), {@code snapshot} (JSON), {@code metrics.csv}, {@code alerts.csv}. */
@Path("/runs/{runId}")
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
    public String report(@PathParam("runId") String runId) {
        return find(runId).reportHtml;
    }

    @GET
    @Path("/snapshot")
    @Produces(MediaType.APPLICATION_JSON)
    public String snapshot(@PathParam("runId") String runId) {
        return find(runId).snapshotJson;
    }

    @GET
    @Path("/metrics.csv")
    @Produces("text/csv")
    public String metrics(@PathParam("runId") String runId) {
        return find(runId).metricsCsv;
    }

    @GET
    @Path("/alerts.csv")
    @Produces("text/csv")
    public String alerts(@PathParam("runId") String runId) {
        return CsvExport.alerts(dashboard.snapshot(find(runId)).alerts());
    }

    private RunReport find(String runId) {
        return reports.findByIdOptional(runId).orElseThrow(() -> new NotFoundException(
                "no report for run '" + runId + "' (yet: it is rendered once all of its metric events have arrived)"));
    }
}
