package io.modelwatch.report.domain;

import io.modelwatch.report.domain.DashboardViews.Figure;

import java.time.LocalDate;
import java.util.List;

/**
 * What the daily email of one model says about one day: an executive summary (the key figures of the day's run
 * against the previous run and the reference), the alerts with an action each, the most drifted features, the
 * best and the worst segment, and links to the dashboard and the run's report. A day without a run says so.
 *
 * @param worst         HIGH, MEDIUM, LOW or OK: the most severe alert of the day (a missing run counts as HIGH)
 * @param lastRunDate   the model's latest run before the day, when the day has none
 */
public record DailyDigest(String modelId, LocalDate reportedDate, String worst, boolean missingRun,
                          LocalDate lastRunDate, String runId, long rows, String coverage, List<Figure> figures,
                          List<Item> alerts, List<Feature> drifted, Segment best, Segment worstSegment,
                          String dashboardUrl, String reportUrl) {

    /** An alert of the day with what to do about it. */
    public record Item(String severity, String colour, String metric, String where, String value, String threshold,
                       String message, String action) {
    }

    /** A feature by its alerting PSI. */
    public record Feature(String column, String psi, String status, String colour) {
    }

    /** A segment by its recall. */
    public record Segment(String name, String recall, String rows) {
    }

    public long count(String severity) {
        return alerts.stream().filter(a -> a.severity().equals(severity)).count();
    }
}
