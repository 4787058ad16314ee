package io.modelwatch.report.rest;

import io.modelwatch.report.domain.DashboardViews.AlertLine;
import io.modelwatch.report.domain.DashboardViews.DriftColumn;
import io.modelwatch.report.domain.DashboardViews.ModelSummary;
import io.modelwatch.report.domain.DashboardViews.Overview;
import io.modelwatch.report.domain.DashboardViews.RunLine;
import io.modelwatch.report.domain.DashboardViews.Segments;
import io.modelwatch.report.domain.RunReport;
import io.modelwatch.report.repository.DashboardQueries.AlertFilter;
import io.modelwatch.report.service.Dashboard;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateInstance;
import io.modelwatch.core.report.Figures;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's pages, rendered on the server with Qute ({@code templates/DashboardResource/*.html}); their
 * charts are drawn in the browser by ECharts, served by this service ({@code /webjars/echarts/...}), from the
 * JSON endpoints of {@link ModelApiResource}. Every page belongs to one model; the header's selector switches it.
 */
@Path("/dashboard")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "dashboard pages", description = "HTML pages of the dashboard")
public class DashboardResource {

    /** The pages, in the order of the navigation bar. */
    public record Page(String id, String title) {
    }

    static final List<Page> PAGES = List.of(new Page("overview", "Overview"), new Page("drift", "Drift"),
            new Page("performance", "Performance"), new Page("segments", "Segments"), new Page("trends", "Trends"),
            new Page("alerts", "Alerts"), new Page("runs", "Runs"));
    static final List<String> PERFORMANCE_METRICS = List.of("recall", "precision", "f1", "accuracy", "specificity", "roc_auc");
    static final List<Integer> RANGES = List.of(30, 90, 365);

    /** What every page's header needs. */
    public record Frame(String model, String page, List<ModelSummary> models, List<Page> pages) {
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance empty(Frame frame);

        static native TemplateInstance overview(Frame frame, Overview overview);

        static native TemplateInstance drift(Frame frame, RunReport run, List<RunLine> runs, List<DriftColumn> columns,
                                             String column);

        static native TemplateInstance performance(Frame frame, RunReport run, List<RunLine> runs, String metric,
                                                   List<String> metrics);

        static native TemplateInstance segments(Frame frame, Segments segments);

        static native TemplateInstance trends(Frame frame, String metric, String where, int days,
                                              Map<String, List<String>> catalogue, List<Integer> ranges,
                                              List<AlertLine> alerts, int points);

        static native TemplateInstance alerts(Frame frame, List<AlertLine> alerts, Map<String, String> filter);

        static native TemplateInstance runs(Frame frame, List<RunLine> runs);
    }

    /** Number formats shared with the report and the email ({@code {fmt:num(x)}}, {@code {fmt:pct(x)}}). */
    @TemplateExtension(namespace = "fmt")
    static class Formats {
        static String num(Double v) {
            return v == null ? "—" : Figures.num(v);
        }

        static String pct(Double v) {
            return v == null ? "—" : Figures.pct(v);
        }

        static String lower(String s) {
            return s == null ? "" : s.toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Dashboard dashboard;

    public DashboardResource(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GET
    @Operation(summary = "The dashboard of the first model (a page saying so when no run was reported yet)")
    public Response index() {
        List<ModelSummary> models = dashboard.models();
        if (models.isEmpty()) {
            return Response.ok(Templates.empty(new Frame("", "overview", models, PAGES)).render()).build();
        }
        return Response.seeOther(URI.create("/dashboard/" + models.get(0).modelId())).build();
    }

    @GET
    @Path("/{model}")
    public TemplateInstance overview(@PathParam("model") String model) {
        return Templates.overview(frame(model, "overview"), dashboard.overview(model));
    }

    @GET
    @Path("/{model}/drift")
    public TemplateInstance drift(@PathParam("model") String model, @QueryParam("run") String runId,
                                  @QueryParam("column") String column) {
        RunReport run = dashboard.run(model, runId);
        List<DriftColumn> columns = dashboard.driftColumns(model, run.runId);
        String chosen = Params.blank(column);
        if (chosen == null) {
            chosen = columns.stream().filter(DriftColumn::drifted).map(DriftColumn::column).findFirst()
                    .orElse(columns.isEmpty() ? "" : columns.get(0).column());
        }
        return Templates.drift(frame(model, "drift"), run, dashboard.runs(model, 1000), columns, chosen);
    }

    @GET
    @Path("/{model}/performance")
    public TemplateInstance performance(@PathParam("model") String model, @QueryParam("run") String runId,
                                        @QueryParam("metric") String metric) {
        String m = Params.blank(metric) == null ? "recall" : metric;
        if (!PERFORMANCE_METRICS.contains(m)) {
            throw Params.bad("metric", "'" + metric + "' is not one of " + PERFORMANCE_METRICS);
        }
        return Templates.performance(frame(model, "performance"), dashboard.runWithLabels(model, runId),
                dashboard.runs(model, 1000), m, PERFORMANCE_METRICS);
    }

    @GET
    @Path("/{model}/segments")
    public TemplateInstance segments(@PathParam("model") String model, @QueryParam("dimension") String dimension) {
        LocalDate since = dashboard.latestDate(model).minusDays(ModelApiResource.DEFAULT_DAYS);
        return Templates.segments(frame(model, "segments"), dashboard.segments(model, dimension, since));
    }

    @GET
    @Path("/{model}/trends")
    public TemplateInstance trends(@PathParam("model") String model, @QueryParam("metric") String metric,
                                   @QueryParam("where") String where, @QueryParam("days") Integer days) {
        int d = Params.range("days", days, 90, 1, 3650);
        String m = Params.blank(metric) == null ? "performance/recall" : metric;
        Map<String, List<String>> catalogue = dashboard.catalogue(model, 365);
        if (!catalogue.containsKey(m) && Params.blank(metric) == null) {
            m = catalogue.containsKey("estimated_performance/recall") ? "estimated_performance/recall"
                    : catalogue.keySet().stream().findFirst().orElse(m);
        }
        String w = Params.blank(where) == null ? "" : where;
        String column = w.contains("=") ? null : Params.blank(w);
        String segment = w.contains("=") ? w : null;
        var trend = dashboard.trend(model, m, column, segment, d);
        return Templates.trends(frame(model, "trends"), m, w, d, catalogue, RANGES, trend.alerts(),
                trend.series().points().size());
    }

    @GET
    @Path("/{model}/alerts")
    public TemplateInstance alerts(@PathParam("model") String model, @QueryParam("severity") String severity,
                                   @QueryParam("metric") String metric, @QueryParam("column") String column,
                                   @QueryParam("segment") String segment, @QueryParam("since") String since) {
        LocalDate from = Params.date("since", since, null);
        List<AlertLine> alerts = dashboard.alerts(model, new AlertFilter(Params.severity(severity), Params.blank(metric),
                Params.blank(column), Params.blank(segment),
                from == null ? null : from.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), null, 1000));
        Map<String, String> filter = Map.of("severity", severity == null ? "" : severity,
                "metric", metric == null ? "" : metric, "column", column == null ? "" : column,
                "segment", segment == null ? "" : segment, "since", since == null ? "" : since);
        return Templates.alerts(frame(model, "alerts"), alerts, filter);
    }

    @GET
    @Path("/{model}/runs")
    public TemplateInstance runs(@PathParam("model") String model) {
        return Templates.runs(frame(model, "runs"), dashboard.runs(model, 10_000));
    }

    private Frame frame(String model, String page) {
        List<ModelSummary> models = dashboard.models();
        if (models.stream().noneMatch(m -> m.modelId().equals(model))) {
            throw new NotFoundException("no run of model '" + model + "' has been reported; models: "
                    + models.stream().map(ModelSummary::modelId).toList());
        }
        return new Frame(model, page, models, PAGES);
    }
}
