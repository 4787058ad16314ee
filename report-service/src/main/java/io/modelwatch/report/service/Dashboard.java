package io.modelwatch.report.service;

import io.modelwatch.core.performance.ClassificationReport;
import io.modelwatch.core.report.AxisLabels;
import io.modelwatch.core.report.Figures;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.result.ColumnDrift;
import io.modelwatch.core.result.PsiValue;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.report.config.ReportSettings;
import io.modelwatch.report.domain.AlertLogEntry;
import io.modelwatch.report.domain.DashboardViews.AlertLine;
import io.modelwatch.report.domain.DashboardViews.Curve;
import io.modelwatch.report.domain.DashboardViews.Curves;
import io.modelwatch.report.domain.DashboardViews.Distribution;
import io.modelwatch.report.domain.DashboardViews.DriftColumn;
import io.modelwatch.report.domain.DashboardViews.EstimatePoint;
import io.modelwatch.report.domain.DashboardViews.Figure;
import io.modelwatch.report.domain.DashboardViews.ModelSummary;
import io.modelwatch.report.domain.DashboardViews.Overview;
import io.modelwatch.report.domain.DashboardViews.PerformanceSeries;
import io.modelwatch.report.domain.DashboardViews.RunLine;
import io.modelwatch.report.domain.DashboardViews.SegmentSeries;
import io.modelwatch.report.domain.DashboardViews.MaskedDrift;
import io.modelwatch.report.domain.DashboardViews.Segments;
import io.modelwatch.report.domain.DashboardViews.Series;
import io.modelwatch.report.domain.DashboardViews.SeriesPoint;
import io.modelwatch.report.domain.DashboardViews.Trend;
import io.modelwatch.report.domain.RunReport;
import io.modelwatch.report.repository.DashboardQueries;
import io.modelwatch.report.repository.DashboardQueries.AlertFilter;
import io.modelwatch.report.repository.DashboardQueries.MetricKey;
import io.modelwatch.report.repository.RunReportRepository;
import io.modelwatch.support.domain.RunMetric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dashboard's figures, computed from report-service's own tables (see {@link DashboardQueries}); the pages,
 * the JSON endpoints and the daily email all read them from here, so they show the same numbers.
 *
 * <p>Conventions. "Recall" (and precision, ROC AUC) is the realised value when the run's cohort has labels
 * ({@code performance/*}), else the estimate made before labels ({@code estimated_performance/*}); the basis is
 * named next to the figure. "Churn rate" is the labelled churn rate ({@code concept/churn_rate}) or, before labels,
 * the predicted one ({@code concept/predicted_churn_rate}). "Highest PSI" is the largest alerting PSI of any
 * feature or the prediction. The previous run is the model's run before the latest (by snapshot date, then start).
 */
@ApplicationScoped
@Transactional
public class Dashboard {

    public static final String REALISED = "realised";
    public static final String ESTIMATED = "estimated";
    public static final String PREDICTED = "predicted";
    /** The segment metrics the segments page follows. */
    static final List<String> SEGMENT_METRICS = List.of("recall", "precision", "churn_rate", "count");

    private final DashboardQueries queries;
    private final RunReportRepository reports;
    private final ReportSettings settings;

    public Dashboard(DashboardQueries queries, RunReportRepository reports, ReportSettings settings) {
        this.queries = queries;
        this.reports = reports;
        this.settings = settings;
    }

    public List<ModelSummary> models() {
        return queries.models().stream().map(m -> new ModelSummary(m.modelId(), m.runs(), m.latest())).toList();
    }

    /** The model's runs, newest first, with their key figures. */
    public List<RunLine> runs(String modelId, int limit) {
        List<RunReport> runs = queries.runs(modelId, limit);
        Map<String, Map<String, Double>> metrics = metricsByRun(runs);
        return runs.stream().map(r -> line(r, metrics.get(r.runId))).toList();
    }

    public Overview overview(String modelId) {
        List<RunReport> runs = queries.runs(modelId, Math.max(2, settings.dashboard().recentRuns()));
        if (runs.isEmpty()) {
            throw new NotFoundException("no run of model '" + modelId + "' has been reported yet");
        }
        Map<String, Map<String, Double>> metrics = metricsByRun(runs);
        List<RunLine> recent = runs.stream().limit(settings.dashboard().recentRuns())
                .map(r -> line(r, metrics.get(r.runId))).toList();
        Map<String, Double> latest = metrics.get(runs.get(0).runId);
        Map<String, Double> previous = runs.size() > 1 ? metrics.get(runs.get(1).runId) : Map.of();
        return new Overview(modelId, recent.get(0), recent.size() > 1 ? recent.get(1) : null,
                figures(latest, previous, runs.get(0), runs.size() > 1 ? runs.get(1) : null), recent);
    }

    /** The key figures of a run against the previous run and the reference. */
    List<Figure> figures(Map<String, Double> latest, Map<String, Double> previous, RunReport run, RunReport before) {
        List<Figure> out = new ArrayList<>();
        for (String[] m : new String[][] {{"recall", "Recall"}, {"precision", "Precision"}, {"roc_auc", "ROC AUC"}}) {
            Basis b = performance(latest, m[0]);
            Basis p = performance(previous, m[0]);
            Double ref = latest.get(key(MetricRow.REFERENCE_CATEGORY, m[0], null, null));
            out.add(new Figure(m[0], m[1], b.basis(), b.value(), p.value(), ref, Figures.num(b.value()),
                    Figures.change(b.value(), p.value()), Figures.change(b.value(), ref)));
        }
        Basis churn = churn(latest);
        Basis churnBefore = churn(previous);
        // a predicted rate is compared with the reference's predicted rate, a labelled one with its churn rate
        Double churnRef = PREDICTED.equals(churn.basis())
                ? snapshot(run).concept().referencePredictedRate()
                : latest.get(key("concept", "churn_rate_reference", null, null));
        out.add(new Figure("churn_rate", "Churn rate", churn.basis(), churn.value(), churnBefore.value(), churnRef,
                Figures.pct(churn.value()), Figures.points(churn.value(), churnBefore.value()),
                Figures.points(churn.value(), churnRef)));
        Map.Entry<String, Double> psi = maxPsi(latest);
        Map.Entry<String, Double> psiBefore = maxPsi(previous);
        Double psiValue = psi == null ? null : psi.getValue();
        Double psiPrevious = psiBefore == null ? null : psiBefore.getValue();
        out.add(new Figure("max_psi", "Highest PSI", psi == null ? "" : psi.getKey(), psiValue, psiPrevious, 0.0,
                Figures.num(psiValue), Figures.change(psiValue, psiPrevious), ""));
        out.add(alerts("alerts_high", "HIGH alerts", run.alertsHigh, before == null ? null : before.alertsHigh));
        out.add(alerts("alerts_medium", "MEDIUM alerts", run.alertsMedium, before == null ? null : before.alertsMedium));
        out.add(alerts("alerts_low", "LOW alerts", run.alertsLow, before == null ? null : before.alertsLow));
        return out;
    }

    private static Figure alerts(String key, String label, int now, Integer before) {
        Double b = before == null ? null : before.doubleValue();
        String change = b == null ? "" : String.format(java.util.Locale.ROOT, "%+d", now - before);
        return new Figure(key, label, "", (double) now, b, null, String.valueOf(now), change, "");
    }

    /** The columns of a run (the latest when {@code runId} is null): test, score, p-value, threshold, PSI, verdict. */
    public List<DriftColumn> driftColumns(String modelId, String runId) {
        RunResult r = snapshot(run(modelId, runId));
        Map<String, Double> psi = new HashMap<>();
        r.psi().forEach(p -> psi.put(p.column(), p.value()));
        List<DriftColumn> out = new ArrayList<>();
        for (ColumnDrift c : r.drift().columns()) {
            out.add(new DriftColumn(c.column(), c.role(), c.type(), c.method(), c.score(), c.pValue(), c.threshold(),
                    psi.get(c.column()), c.drifted()));
        }
        return out;
    }

    /** Reference vs current shares of a column in a run. */
    public Distribution distribution(String modelId, String runId, String column) {
        RunReport run = run(modelId, runId);
        RunResult r = snapshot(run);
        PsiValue p = r.psi().stream().filter(x -> x.column().equals(column)).findFirst()
                .orElseThrow(() -> new NotFoundException("run " + run.runId + " has no PSI bins for column '" + column
                        + "'; columns: " + r.psi().stream().map(PsiValue::column).toList()));
        return new Distribution(run.runId, column, AxisLabels.readable(p.bins()), p.reference(), p.current(), p.value());
    }

    /** ROC, precision-recall and calibration curves of a run and of the reference; empty lists without labels. */
    public Curves curves(String modelId, String runId) {
        RunReport run = run(modelId, runId);
        RunResult r = snapshot(run);
        ClassificationReport cur = r.performance();
        ClassificationReport ref = r.referencePerformance();
        List<Curve> roc = new ArrayList<>();
        List<Curve> pr = new ArrayList<>();
        List<Curve> calibration = new ArrayList<>();
        if (ref != null) {
            roc.add(new Curve("reference", ref.rocPoints()));
            pr.add(new Curve("reference", ref.precisionRecallPoints()));
            calibration.add(new Curve("reference", ref.reliabilityPoints()));
        }
        if (cur != null) {
            roc.add(new Curve("current", cur.rocPoints()));
            pr.add(new Curve("current", cur.precisionRecallPoints()));
            calibration.add(new Curve("current", cur.reliabilityPoints()));
        }
        return new Curves(run.runId, cur == null ? null : cur.rocAuc(), cur == null ? null : cur.prAuc(), roc, pr,
                calibration);
    }

    /** A metric's history ({@code metric} is {@code category/name}) since a date. */
    public Series series(String modelId, String metric, String column, String segment, LocalDate since) {
        String[] cn = split(metric);
        List<SeriesPoint> points = queries.series(modelId, cn[0], cn[1], blank(column), blank(segment), since).stream()
                .map(p -> new SeriesPoint(p.date(), p.runId(), p.value())).toList();
        return new Series(metric, blank(column), blank(segment), points);
    }

    /** Realised values of a performance metric and its estimate with the band, on one time axis. */
    public PerformanceSeries performance(String modelId, String metric, LocalDate since) {
        List<SeriesPoint> realised = series(modelId, "performance/" + metric, null, null, since).points();
        List<EstimatePoint> estimated = queries.estimates(modelId, metric, since).stream()
                .map(e -> new EstimatePoint(e.snapshotDate, e.runId, e.value, e.lower, e.upper)).toList();
        List<SeriesPoint> ref = series(modelId, MetricRow.REFERENCE_CATEGORY + "/" + metric, null, null, since).points();
        return new PerformanceSeries(metric, realised, estimated, ref.isEmpty() ? null : ref.get(ref.size() - 1).value());
    }

    /** The segment dimensions the model has history for (with the configured defaults first when present). */
    public List<String> dimensions(String modelId, LocalDate since) {
        Set<String> found = new LinkedHashSet<>();
        for (MetricKey k : queries.catalogue(modelId, since)) {
            if ("segment".equals(k.category()) && k.segment() != null && k.segment().contains("=")) {
                found.add(k.segment().substring(0, k.segment().indexOf('=')));
            }
        }
        List<String> out = new ArrayList<>();
        settings.dashboard().defaultDimensions().stream().filter(found::contains).forEach(out::add);
        found.stream().filter(d -> !out.contains(d)).sorted().forEach(out::add);
        return out;
    }

    /**
     * Every segment of a dimension: recall, precision, churn rate and rows over time, with the latest run's values;
     * the worst segment is the one with the lowest recall in the latest run (which needs labels in that run), or,
     * when the latest run has none, in the latest run whose cohort has them.
     */
    public Segments segments(String modelId, String dimension, LocalDate since) {
        List<String> dimensions = dimensions(modelId, since);
        String dim = dimension == null || dimension.isBlank() ? (dimensions.isEmpty() ? "" : dimensions.get(0)) : dimension;
        List<String> keys = queries.catalogue(modelId, since).stream()
                .filter(k -> "segment".equals(k.category()) && k.segment() != null && k.segment().startsWith(dim + "="))
                .map(MetricKey::segment).distinct().sorted().toList();
        List<RunReport> latestRun = queries.runs(modelId, 1);
        String latestId = latestRun.isEmpty() ? null : latestRun.get(0).runId;
        List<SegmentSeries> segments = new ArrayList<>();
        for (String key : keys) {
            List<Series> series = new ArrayList<>();
            Map<String, Double> last = new HashMap<>();
            for (String m : SEGMENT_METRICS) {
                Series s = series(modelId, "segment/" + m, null, key, since);
                series.add(s);
                // the latest run's value: undefined there (no labels yet) stays undefined, never an older run's
                last.put(m, s.points().stream().filter(p -> p.runId().equals(latestId)).map(SeriesPoint::value)
                        .findFirst().orElse(null));
            }
            segments.add(new SegmentSeries(key.substring(dim.length() + 1), last.get("recall"), last.get("precision"),
                    last.get("churn_rate"), last.get("count"), false, series));
        }
        Optional<SegmentSeries> worst = segments.stream().filter(s -> s.recall() != null)
                .min(Comparator.comparingDouble(SegmentSeries::recall).thenComparing(SegmentSeries::segment));
        if (worst.isEmpty()) {
            worst = segments.stream().filter(s -> lastRecall(s) != null)
                    .min(Comparator.comparingDouble((SegmentSeries s) -> lastRecall(s)).thenComparing(SegmentSeries::segment));
        }
        Optional<SegmentSeries> chosen = worst;
        List<SegmentSeries> marked = segments.stream().map(s -> chosen.isPresent() && chosen.get() == s
                ? new SegmentSeries(s.segment(), s.recall(), s.precision(), s.churnRate(), s.rows(), true, s.series())
                : s).toList();
        return new Segments(dim, dimensions, chosen.map(SegmentSeries::segment).orElse(null), marked,
                maskedDrift(latestId, dim));
    }

    /** The features drifted inside a segment of {@code dim} while the whole batch did not, in the run {@code runId}. */
    private List<MaskedDrift> maskedDrift(String runId, String dim) {
        if (runId == null) {
            return List.of();
        }
        String category = io.modelwatch.core.run.MaskedDriftAlerts.CATEGORY;
        List<io.modelwatch.support.domain.RunMetric> rows = queries.metricsOf(List.of(runId)).stream()
                .filter(m -> category.equals(m.category) && m.segment != null && m.segment.startsWith(dim + "="))
                .toList();
        Map<String, Double> psi = new HashMap<>();
        rows.stream().filter(m -> "psi".equals(m.name)).forEach(m -> psi.put(m.segment + "|" + m.column, m.value));
        return rows.stream().filter(m -> "masked".equals(m.name) && m.value == 1.0)
                .map(m -> new MaskedDrift(m.segment.substring(dim.length() + 1), m.column,
                        psi.get(m.segment + "|" + m.column)))
                .toList();
    }

    /** The segment's recall in the latest run that had one. */
    private static Double lastRecall(SegmentSeries s) {
        List<SeriesPoint> points = s.series().get(SEGMENT_METRICS.indexOf("recall")).points();
        return points.isEmpty() ? null : points.get(points.size() - 1).value();
    }

    /** A metric over the last {@code days} days of the model's history, with the alerts raised on it. */
    public Trend trend(String modelId, String metric, String column, String segment, int days) {
        LocalDate since = latestDate(modelId).minusDays(days);
        Series s = series(modelId, metric, column, segment, since);
        String[] cn = split(metric);
        List<AlertLine> alerts = alerts(modelId, new AlertFilter(null, cn[0] + "/" + cn[1], blank(column), blank(segment),
                since.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), null, 1000));
        return new Trend(s, alerts);
    }

    /** The metrics the model has history for, as {@code category/name}, with the columns and segments of each. */
    public Map<String, List<String>> catalogue(String modelId, int days) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (MetricKey k : queries.catalogue(modelId, latestDate(modelId).minusDays(days))) {
            String where = k.column() != null ? k.column() : k.segment() != null ? k.segment() : "";
            out.computeIfAbsent(k.metric(), x -> new ArrayList<>()).add(where);
        }
        return out;
    }

    public List<AlertLine> alerts(String modelId, AlertFilter filter) {
        return queries.alerts(modelId, filter).stream().map(this::alertLine).toList();
    }

    /** The model's latest snapshot date (today when it has none). */
    public LocalDate latestDate(String modelId) {
        return queries.models().stream().filter(m -> m.modelId().equals(modelId)).map(DashboardQueries.ModelRow::latest)
                .findFirst().orElse(LocalDate.now(java.time.ZoneOffset.UTC));
    }

    /** The run, or the model's latest run whose labels matured (the latest run when none has), for curves. */
    public RunReport runWithLabels(String modelId, String runId) {
        if (runId != null && !runId.isBlank()) {
            return run(modelId, runId);
        }
        return queries.runs(modelId, 10_000).stream().filter(r -> r.realisedAt != null || r.labelledRows > 0)
                .findFirst().orElseGet(() -> run(modelId, null));
    }

    /** The run (the model's latest when {@code runId} is null or blank); 404 when unknown or of another model. */
    public RunReport run(String modelId, String runId) {
        if (runId == null || runId.isBlank()) {
            List<RunReport> latest = queries.runs(modelId, 1);
            if (latest.isEmpty()) {
                throw new NotFoundException("no run of model '" + modelId + "' has been reported yet");
            }
            return latest.get(0);
        }
        RunReport r = reports.findByIdOptional(runId)
                .orElseThrow(() -> new NotFoundException("no report for run '" + runId + "'"));
        if (!r.modelId.equals(modelId)) {
            throw new NotFoundException("run '" + runId + "' belongs to model '" + r.modelId + "', not '" + modelId + "'");
        }
        return r;
    }

    /** The run's assembled result, read back from its {@code snapshot.json}. */
    public RunResult snapshot(RunReport run) {
        try {
            return Json.mapper().readValue(run.snapshotJson, RunResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("snapshot of run " + run.runId + " cannot be read", e);
        }
    }

    /** The metrics of a run as a map keyed {@code category/name/column/segment}. */
    public Map<String, Double> metrics(String runId) {
        return metricsByRun(List.of(runId), true).getOrDefault(runId, Map.of());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    RunLine line(RunReport r, Map<String, Double> m) {
        Map<String, Double> metrics = m == null ? Map.of() : m;
        Basis recall = performance(metrics, "recall");
        Map.Entry<String, Double> psi = maxPsi(metrics);
        return new RunLine(r.runId, r.modelId, r.snapshotDate, r.startedAt, r.referenceVersion, r.referenceSource,
                r.currentRows, r.labelledRows, r.labelCoverage, r.alertsHigh, r.alertsMedium, r.alertsLow,
                r.realisedAt != null || REALISED.equals(recall.basis()), recall.value(), recall.basis(),
                performance(metrics, "precision").value(), performance(metrics, "roc_auc").value(),
                churn(metrics).value(), psi == null ? null : psi.getValue(), psi == null ? null : psi.getKey(),
                metrics.get(key("drift", "share_drifted_columns", null, null)));
    }

    /** A value and what it is: realised, estimated or predicted. */
    public record Basis(Double value, String basis) {
    }

    static Basis performance(Map<String, Double> m, String metric) {
        Double realised = m.get(key("performance", metric, null, null));
        if (realised != null) {
            return new Basis(realised, REALISED);
        }
        Double estimated = m.get(key("estimated_performance", metric, null, null));
        return estimated == null ? new Basis(null, "") : new Basis(estimated, ESTIMATED);
    }

    static Basis churn(Map<String, Double> m) {
        Double labelled = m.get(key("concept", "churn_rate", null, null));
        if (labelled != null) {
            return new Basis(labelled, REALISED);
        }
        Double predicted = m.get(key("concept", "predicted_churn_rate", null, null));
        return predicted == null ? new Basis(null, "") : new Basis(predicted, PREDICTED);
    }

    /** The largest PSI of the run and its column, or null. */
    static Map.Entry<String, Double> maxPsi(Map<String, Double> m) {
        Map.Entry<String, Double> best = null;
        for (Map.Entry<String, Double> e : m.entrySet()) {
            if (e.getKey().startsWith("psi/psi/") && (best == null || e.getValue() > best.getValue())) {
                String column = e.getKey().substring("psi/psi/".length(), e.getKey().lastIndexOf('/'));
                best = Map.entry(column, e.getValue());
            }
        }
        return best;
    }

    static String key(String category, String name, String column, String segment) {
        return category + "/" + name + "/" + (column == null ? "" : column) + "/" + (segment == null ? "" : segment);
    }

    private Map<String, Map<String, Double>> metricsByRun(List<RunReport> runs) {
        return metricsByRun(runs.stream().map(r -> r.runId).toList(), true);
    }

    private Map<String, Map<String, Double>> metricsByRun(List<String> runIds, boolean unused) {
        Map<String, Map<String, Double>> out = new HashMap<>();
        for (RunMetric m : queries.metricsOf(runIds)) {
            out.computeIfAbsent(m.runId, x -> new HashMap<>()).put(key(m.category, m.name, m.column, m.segment), m.value);
        }
        return out;
    }

    private AlertLine alertLine(AlertLogEntry a) {
        return new AlertLine(a.id, a.runId, a.runDate, a.severity, a.category + "/" + a.metric, a.column, a.segment,
                a.value, a.threshold, a.estimated, a.message,
                a.runId == null ? null : "/runs/" + a.runId + "/report");
    }

    static String[] split(String metric) {
        if (metric == null || metric.indexOf('/') <= 0 || metric.indexOf('/') == metric.length() - 1) {
            throw new jakarta.ws.rs.BadRequestException(jakarta.ws.rs.core.Response.status(400)
                    .entity(Map.of("error", "metric must be 'category/name' (e.g. performance/recall, psi/psi), got '"
                            + metric + "'", "field", "name"))
                    .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON).build());
        }
        int i = metric.indexOf('/');
        return new String[] {metric.substring(0, i), metric.substring(i + 1)};
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
