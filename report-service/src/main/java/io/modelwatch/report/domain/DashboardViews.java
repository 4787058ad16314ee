package io.modelwatch.report.domain;

import java.time.LocalDate;
import java.util.List;

/** What the dashboard's pages and JSON endpoints show, as records (the pages format, the JSON carries raw values). */
public final class DashboardViews {

    private DashboardViews() {
    }

    /** A model with runs here. */
    public record ModelSummary(String modelId, long runs, LocalDate latest) {
    }

    /**
     * One key figure of a run with its change against the previous run and the reference.
     *
     * @param key       metric key, e.g. {@code recall}
     * @param basis     {@code realised}, {@code estimated} or {@code predicted} (churn rate before labels), or empty
     * @param value     the run's value, null when undefined
     * @param previous  the previous run's value
     * @param reference the reference (baseline) value, null when there is none
     * @param text      the value as written for people
     * @param vsPrevious the change against the previous run, as written
     * @param vsReference the change against the reference, as written
     */
    public record Figure(String key, String label, String basis, Double value, Double previous, Double reference,
                         String text, String vsPrevious, String vsReference) {
    }

    /** One run of the index. */
    public record RunLine(String runId, String modelId, LocalDate date, java.time.Instant startedAt,
                          String referenceVersion, String reference, long rows, long labelledRows, Double labelCoverage,
                          int high, int medium, int low, boolean realised, Double recall, String recallBasis,
                          Double precision, Double rocAuc, Double churnRate, Double maxPsi, String maxPsiColumn,
                          Double driftedShare) {
    }

    /** The overview of a model: the latest run's figures and the recent runs. */
    public record Overview(String modelId, RunLine latest, RunLine previous, List<Figure> figures,
                           List<RunLine> recent) {
    }

    /** One monitored column in one run. */
    public record DriftColumn(String column, String role, String type, String method, Double score, Double pValue,
                              Double threshold, Double psi, boolean drifted) {
    }

    /** Reference and current shares of one column's PSI bins in one run, with readable bin labels. */
    public record Distribution(String runId, String column, List<String> bins, List<Double> reference,
                               List<Double> current, double psi) {
    }

    /** A line of an x-y chart. */
    public record Curve(String name, List<double[]> points) {
    }

    /** The ROC, precision-recall and calibration curves of one run (current and reference). */
    public record Curves(String runId, Double rocAuc, Double prAuc, List<Curve> roc, List<Curve> pr,
                         List<Curve> calibration) {
    }

    /** One point of a time series. */
    public record SeriesPoint(LocalDate date, String runId, Double value) {
    }

    /** An estimate with its band on one date. */
    public record EstimatePoint(LocalDate date, String runId, Double value, Double lower, Double upper) {
    }

    /** A metric's history; {@code column} and {@code segment} as in the metrics log. */
    public record Series(String metric, String column, String segment, List<SeriesPoint> points) {
    }

    /** Realised values as labels mature and the estimate (with its band) before they do, on one axis. */
    public record PerformanceSeries(String metric, List<SeriesPoint> realised, List<EstimatePoint> estimated,
                                    Double reference) {
    }

    /** A segment of one dimension: its history per metric and its latest values. */
    public record SegmentSeries(String segment, Double recall, Double precision, Double churnRate, Double rows,
                                boolean worst, List<Series> series) {
    }

    /** Every segment of a dimension, and the features masked-drifted inside its segments in the latest run. */
    public record Segments(String dimension, List<String> dimensions, String worst, List<SegmentSeries> segments,
                           List<MaskedDrift> maskedDrift) {
    }

    /** A feature drifted inside a segment while the whole batch did not (core {@code segment_drift/masked}). */
    public record MaskedDrift(String segment, String feature, Double psi) {
    }

    /** An alert of the log. */
    public record AlertLine(long id, String runId, LocalDate runDate, String severity, String metric, String column,
                            String segment, Double value, Double threshold, boolean estimated, String message,
                            String reportUrl) {
    }

    /** A metric's history with the alerts raised on it (the trend page). */
    public record Trend(Series series, List<AlertLine> alerts) {
    }
}
