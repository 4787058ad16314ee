package io.modelwatch.report.rest;

import io.modelwatch.report.domain.DashboardViews.AlertLine;
import io.modelwatch.report.domain.DashboardViews.Curves;
import io.modelwatch.report.domain.DashboardViews.Distribution;
import io.modelwatch.report.domain.DashboardViews.DriftColumn;
import io.modelwatch.report.domain.DashboardViews.ModelSummary;
import io.modelwatch.report.domain.DashboardViews.Overview;
import io.modelwatch.report.domain.DashboardViews.PerformanceSeries;
import io.modelwatch.report.domain.DashboardViews.RunLine;
import io.modelwatch.report.domain.DashboardViews.Segments;
import io.modelwatch.report.domain.DashboardViews.Series;
import io.modelwatch.report.domain.DashboardViews.Trend;
import io.modelwatch.report.repository.DashboardQueries.AlertFilter;
import io.modelwatch.report.service.Dashboard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The JSON behind every chart of the dashboard (OpenAPI at {@code /q/openapi}). Dates are snapshot dates;
 * {@code since} is inclusive and defaults to 90 days before the model's latest run.
 */
@Path("/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dashboard", description = "Per-model history for the dashboard's charts")
public class ModelApiResource {

    static final int DEFAULT_DAYS = 90;

    private final Dashboard dashboard;

    public ModelApiResource(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GET
    @Operation(summary = "Models with runs reported here, with their run count and latest snapshot date")
    public List<ModelSummary> models() {
        return dashboard.models();
    }

    @GET
    @Path("/{id}/overview")
    @Operation(summary = "The latest run's key figures against the previous run and the reference, and the recent runs")
    public Overview overview(@PathParam("id") String model) {
        return dashboard.overview(model);
    }

    @GET
    @Path("/{id}/runs")
    @Operation(summary = "The run index, newest first")
    public List<RunLine> runs(@PathParam("id") String model,
                              @QueryParam("limit") @Parameter(description = "at most this many runs (1-10000, default 1000)") Integer limit) {
        return dashboard.runs(model, Params.range("limit", limit, 1000, 1, 10_000));
    }

    @GET
    @Path("/{id}/metrics")
    @Operation(summary = "A metric's history: one point per run, oldest first")
    public Series metrics(@PathParam("id") String model,
                          @QueryParam("name") @Parameter(description = "category/name, e.g. performance/recall, psi/psi, drift/wasserstein", required = true) String name,
                          @QueryParam("column") String column, @QueryParam("segment") String segment,
                          @QueryParam("since") @Parameter(description = "ISO date, inclusive") String since) {
        return dashboard.series(model, name, column, segment, since(model, since));
    }

    @GET
    @Path("/{id}/metrics/catalogue")
    @Operation(summary = "Every metric with history in the last `days` days, with its columns or segments")
    public Map<String, List<String>> catalogue(@PathParam("id") String model, @QueryParam("days") Integer days) {
        return dashboard.catalogue(model, Params.range("days", days, 365, 1, 3650));
    }

    @GET
    @Path("/{id}/trend")
    @Operation(summary = "A metric over the last 30/90/365 days with the alerts raised on it")
    public Trend trend(@PathParam("id") String model, @QueryParam("name") String name,
                       @QueryParam("column") String column, @QueryParam("segment") String segment,
                       @QueryParam("days") Integer days) {
        return dashboard.trend(model, name, column, segment, Params.range("days", days, 90, 1, 3650));
    }

    @GET
    @Path("/{id}/performance")
    @Operation(summary = "Realised values as labels mature and the estimate with its band before they do")
    public PerformanceSeries performance(@PathParam("id") String model,
                                         @QueryParam("metric") @Parameter(description = "recall, precision, f1, accuracy, specificity, roc_auc") String metric,
                                         @QueryParam("since") String since) {
        return dashboard.performance(model, metric == null || metric.isBlank() ? "recall" : metric, since(model, since));
    }

    @GET
    @Path("/{id}/drift")
    @Operation(summary = "Every monitored column of a run (the latest by default): test, score, p-value, PSI, verdict")
    public List<DriftColumn> drift(@PathParam("id") String model, @QueryParam("run") String run) {
        return dashboard.driftColumns(model, run);
    }

    @GET
    @Path("/{id}/distribution")
    @Operation(summary = "Reference vs current shares of a column's PSI bins in a run")
    public Distribution distribution(@PathParam("id") String model, @QueryParam("run") String run,
                                     @QueryParam("column") String column) {
        if (column == null || column.isBlank()) {
            throw Params.bad("column", "is required");
        }
        return dashboard.distribution(model, run, column);
    }

    @GET
    @Path("/{id}/curves")
    @Operation(summary = "ROC, precision-recall and calibration curves of a run and of the reference")
    public Curves curves(@PathParam("id") String model, @QueryParam("run") String run) {
        return dashboard.curves(model, run);
    }

    @GET
    @Path("/{id}/segments")
    @Operation(summary = "Recall, precision, churn rate and rows per segment of a dimension over time; the worst segment")
    public Segments segments(@PathParam("id") String model, @QueryParam("dimension") String dimension,
                             @QueryParam("since") String since) {
        return dashboard.segments(model, dimension, since(model, since));
    }

    @GET
    @Path("/{id}/alerts")
    @Operation(summary = "The alert log of the model, newest run first, with filters")
    public List<AlertLine> alerts(@PathParam("id") String model, @QueryParam("severity") String severity,
                                  @QueryParam("metric") String metric, @QueryParam("column") String column,
                                  @QueryParam("segment") String segment, @QueryParam("since") String since,
                                  @QueryParam("run") String run, @QueryParam("limit") Integer limit) {
        LocalDate from = Params.date("since", since, null);
        return dashboard.alerts(model, new AlertFilter(Params.severity(severity), Params.blank(metric),
                Params.blank(column), Params.blank(segment),
                from == null ? null : from.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), Params.blank(run),
                Params.range("limit", limit, 1000, 1, 100_000)));
    }

    private LocalDate since(String model, String since) {
        return Params.date("since", since, dashboard.latestDate(model).minusDays(DEFAULT_DAYS));
    }
}
