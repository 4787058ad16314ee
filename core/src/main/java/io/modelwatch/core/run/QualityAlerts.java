package io.modelwatch.core.run;

import io.modelwatch.core.metrics.MetricRow;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.config.Severity;
import io.modelwatch.core.quality.QualityFinding;
import io.modelwatch.core.quality.QualityReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Data-quality findings as alerts and metric rows. A finding already carries the severity its kind has in
 * the configuration ({@code quality} section; {@code NONE} switches a kind off), so no alert rule is
 * needed for it: a null share above budget, a duplicate id, a missing feature column, unparseable,
 * out-of-range or unknown-category cells raise HIGH by default.
 */
public final class QualityAlerts {

    private QualityAlerts() {
    }

    /** One alert per finding whose severity is HIGH, MEDIUM or LOW. */
    public static List<Alert> of(QualityReport report) {
        List<Alert> alerts = new ArrayList<>();
        for (QualityFinding f : report.findings()) {
            Severity severity = severity(f);
            if (severity == null) {
                continue;
            }
            alerts.add(new Alert(severity, "quality-" + name(f), "quality", name(f), f.column(), null, value(f),
                    f.threshold(), false, f.message()));
        }
        return alerts;
    }

    /** {@code quality/null_share} per column, then one row per finding. */
    public static List<MetricRow> metricRows(QualityReport report) {
        List<MetricRow> rows = new ArrayList<>();
        for (var n : report.nullShares()) {
            rows.add(new MetricRow("quality", "null_share", n.column(), null, n.share(), n.budget(),
                    n.budget() != null && n.share() > n.budget() ? MetricRow.BREACH : MetricRow.OK));
        }
        for (QualityFinding f : report.findings()) {
            rows.add(new MetricRow("quality", name(f), f.column(), null, value(f), f.threshold(),
                    severity(f) == null ? MetricRow.OK : MetricRow.BREACH));
        }
        return rows;
    }

    /** The finding's kind in metric-name form ({@code null_share_above_budget}). */
    public static String name(QualityFinding f) {
        return f.kind().name().toLowerCase(Locale.ROOT);
    }

    /** A share where the finding is about a share (nulls), else the count of offending cells or rows. */
    private static double value(QualityFinding f) {
        return f.kind() == QualityFinding.Kind.NULL_SHARE_ABOVE_BUDGET ? f.share() : f.count();
    }

    private static Severity severity(QualityFinding f) {
        String s = f.severity();
        if (s == null || s.equalsIgnoreCase("NONE")) {
            return null;
        }
        return Severity.parse(s);
    }
}
