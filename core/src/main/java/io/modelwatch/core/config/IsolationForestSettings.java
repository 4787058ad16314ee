package io.modelwatch.core.config;

import java.util.List;

/**
 * The multivariate anomaly detector: an isolation forest grown on the vectors of the model's previous runs
 * scores the current run's vector (see {@link io.modelwatch.core.anomaly.MultivariateAnomalyScan}).
 *
 * @param enabled         whether the forest runs at all
 * @param window          how many previous runs (one a day) the forest is grown on (60)
 * @param minHistory      below this many previous runs the run is reported as "not enough history", no alert (14)
 * @param trees           number of trees, {@code n_estimators} (100)
 * @param maxSamples      subsample size ψ per tree, {@code max_samples}, capped at the history's runs (256)
 * @param seed            seed of the trees: the same history and seed give the same score (42)
 * @param alertQuantile   the run is anomalous when its score exceeds this quantile of the history runs' own scores
 *                        (0.95: about 5 % of ordinary days would pass it)
 * @param minScore        and exceeds this score (0.5: the paper's "no distinct anomaly" level)
 * @param severity        severity of the alert ({@code HIGH}, {@code MEDIUM}, {@code LOW}, or {@code NONE})
 * @param topContributors how many contributing metrics are reported (5)
 * @param metrics         the run's metrics that form its vector: {@code category/name} (one entry per column) or
 *                        {@code category/name:max} / {@code :mean} (one entry, over the columns)
 */
public record IsolationForestSettings(boolean enabled, int window, int minHistory, int trees, int maxSamples, int seed,
                                      double alertQuantile, double minScore, String severity, int topContributors,
                                      List<String> metrics) {

    /** The aggregations a metric selector may end with. */
    public static final List<String> AGGREGATIONS = List.of("max", "mean");

    public IsolationForestSettings {
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        if (minHistory < 3) {
            throw new IllegalArgumentException("min_history must be >= 3 (the threshold's cross-validation), got "
                    + minHistory);
        }
        if (minHistory > window) {
            throw new IllegalArgumentException("min_history (" + minHistory + ") must be <= window (" + window + ")");
        }
    }

    public static IsolationForestSettings defaults() {
        return new IsolationForestSettings(true, 60, 14, 100, 256, 42, 0.95, 0.5, "MEDIUM", 5,
                List.of("psi/psi:max", "psi/psi:mean", "drift/share_drifted_columns", "performance/recall",
                        "performance/precision",
                        "estimated_performance/recall", "estimated_performance/precision", "concept/churn_rate",
                        "concept/predicted_churn_rate", "quality/null_share:max"));
    }
}
