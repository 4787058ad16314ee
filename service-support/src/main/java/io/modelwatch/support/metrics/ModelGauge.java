package io.modelwatch.support.metrics;

import java.util.List;

/**
 * The Prometheus gauges of the monitored models (not of the services): each service exports those whose values
 * it stores, labelled by model. The Grafana dashboard {@code k8s/base/grafana/modelwatch-models.json} plots them
 * (a test checks that every name it queries is one of these, with these labels).
 *
 * <table>
 *   <caption>Who exports what</caption>
 *   <tr><th>gauge</th><th>service</th><th>from</th></tr>
 *   <tr><td>psi, drift_score</td><td>drift-service</td><td>{@code drift.metrics_log}: {@code psi/psi} and
 *       {@code drift/<method>} per column</td></tr>
 *   <tr><td>recall, precision, churn_rate</td><td>performance-service</td><td>{@code performance.metrics_log}:
 *       {@code performance/*} (kind realised), {@code estimated_performance/*} (kind estimated),
 *       {@code concept/churn_rate}</td></tr>
 *   <tr><td>alerts, last_success_timestamp_seconds</td><td>alert-service</td><td>open alerts per severity
 *       ({@code alert.alert_state}), the last completed run ({@code alert.monitored_model}, what the dead-man's
 *       switch measures from)</td></tr>
 * </table>
 */
public enum ModelGauge {

    PSI("modelwatch_model_psi", "Latest PSI of a column (feature or predicted probability) against the reference",
            "model", "column"),
    DRIFT_SCORE("modelwatch_model_drift_score",
            "Latest drift score of a column: the statistic of the column's drift test (its method: the run's report)",
            "model", "column"),
    RECALL("modelwatch_model_recall",
            "Latest recall: realised (labels matured) or estimated (confidence-based, before labels)", "model", "kind"),
    PRECISION("modelwatch_model_precision",
            "Latest precision: realised (labels matured) or estimated (confidence-based, before labels)", "model", "kind"),
    CHURN_RATE("modelwatch_model_churn_rate", "Churn rate (share of positive labels) of the latest labelled cohort",
            "model"),
    ALERTS("modelwatch_model_alerts", "Open alerts of the model by severity", "model", "severity"),
    LAST_SUCCESS("modelwatch_model_last_success_timestamp_seconds",
            "When the model's last run completed (all its sections evaluated), in seconds since the epoch", "model");

    /** The {@code kind} label of recall and precision. */
    public static final String REALISED = "realised";
    public static final String ESTIMATED = "estimated";

    private final String metricName;
    private final String description;
    private final List<String> labels;

    ModelGauge(String metricName, String description, String... labels) {
        this.metricName = metricName;
        this.description = description;
        this.labels = List.of(labels);
    }

    /** The name as Prometheus shows it. */
    public String metricName() {
        return metricName;
    }

    public String description() {
        return description;
    }

    /** The label names, {@code model} first. */
    public List<String> labels() {
        return labels;
    }
}
