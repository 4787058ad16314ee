package io.modelwatch.alert.domain;

import io.modelwatch.core.config.Severity;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Everything a notification says, fixed when the alert is stored (the outbox keeps it as JSON), so the
 * relay needs nothing else to send it, however late.
 *
 * @param kind      new alert, escalation or resolved notice
 * @param alertId   the alert-log id
 * @param runId     the run, or {@code null} for the dead-man's switch
 * @param runDate   business date of the run (for the dead-man's switch: of the last run that completed)
 * @param value     the observed value, or {@code null}
 * @param threshold the bound it crossed, or {@code null}
 * @param reportUrl report-service's page of the run, or {@code null} when there is no run
 */
public record Notice(NoticeKind kind, long alertId, String modelId, String runId, LocalDate runDate,
                     Severity severity, String rule, String category, String metric, String column, String segment,
                     Double value, Double threshold, boolean estimated, String message, String reportUrl,
                     Instant raisedAt) {

    /** One line: {@code [HIGH] churn: psi of account_age is 0.41 (> 0.25)}. */
    public String headline() {
        String prefix = switch (kind) {
            case ALERT -> "[" + severity + "] ";
            case ESCALATION -> "[" + severity + ", escalated] ";
            case RESOLVED -> "[RESOLVED] ";
        };
        String body = kind == NoticeKind.RESOLVED ? "back in bounds: " + message : message;
        return prefix + modelId + ": " + body;
    }

    /** The observed value as the alert message writes it (four decimals, whole numbers without), or "n/a". */
    public String valueText() {
        return format(value);
    }

    public String thresholdText() {
        return format(threshold);
    }

    /** Where the metric was measured: {@code account_age}, {@code contract_type=Month-to-month}, or "dataset". */
    public String scope() {
        if (column == null && segment == null) {
            return "dataset";
        }
        return column == null ? segment : segment == null ? column : column + " in " + segment;
    }

    private static String format(Double v) {
        if (v == null || v.isNaN()) {
            return "n/a";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf(v.longValue());
        }
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }

    /** {@code category/metric}, the metric as the metrics log names it. */
    public String metricName() {
        return category + "/" + metric;
    }
}
