package io.modelwatch.core.config;

import java.util.List;

/**
 * The robust detector of anomalies in a metric's own history (median / MAD of its last {@code window} values,
 * see {@code anomaly.MetricAnomalyDetector}).
 *
 * @param window      how many previous values of the metric are compared (14 daily runs)
 * @param threshold   a value is anomalous when |0.6745 (x − median) / MAD| exceeds this (3.5)
 * @param minHistory  no judgement with fewer previous values than this (5)
 * @param minRelativeMad the MAD is floored at this share of |median| (0.02): with a short history the MAD can be
 *                    far below the metric's sampling noise, and a recall moving 0.83 → 0.85 is not an anomaly
 * @param severity    severity of an anomaly alert ({@code NONE} switches it off)
 * @param categories  metric categories watched (performance, estimated performance and churn rate by default: PSI and quality already have fixed thresholds, and tiny PSI values leave their range from noise)
 * @param isolationForest the detector of runs whose metrics are unusual together (an isolation forest); {@code null}
 *                    for its defaults
 */
public record AnomalySettings(int window, double threshold, int minHistory, double minRelativeMad,
                              CheckSeverity severity, List<String> categories,
                              IsolationForestSettings isolationForest) {

    public AnomalySettings {
        Checks.whole("window", window, 2, 10_000);
        Checks.number("threshold", threshold, 0, Double.MAX_VALUE);
        Checks.whole("min_history", minHistory, 2, 10_000);
        Checks.number("min_relative_mad", minRelativeMad, 0, Double.MAX_VALUE);
        Checks.required("severity", severity);
        categories = Checks.distinct("categories", categories);
        isolationForest = isolationForest == null ? IsolationForestSettings.defaults() : isolationForest;
    }

    public static AnomalySettings defaults() {
        return new AnomalySettings(14, 3.5, 5, 0.02, CheckSeverity.LOW,
                List.of("performance", "estimated_performance", "concept"), IsolationForestSettings.defaults());
    }

    /** How many previous runs the detectors need: the longer of the two windows. */
    public int historyRuns() {
        return isolationForest.enabled() ? Math.max(window, isolationForest.window()) : window;
    }
}
