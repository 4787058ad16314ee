package io.modelwatch.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The multivariate anomaly detector: an isolation forest grown on the vectors of the model's previous runs
 * scores the current run's vector (see {@code anomaly.MultivariateAnomalyScan}).
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
 * @param severity        severity of the alert ({@code NONE} switches it off)
 * @param topContributors how many contributing metrics are reported (5)
 * @param metrics         the run's metrics that form its vector: {@code category/name} (one entry per column) or
 *                        {@code category/name:max} / {@code :mean} (one entry, over the columns)
 */
public record IsolationForestSettings(boolean enabled, int window, int minHistory,
                                      @JsonProperty("n_estimators") int trees, int maxSamples, int seed,
                                      double alertQuantile, double minScore, CheckSeverity severity,
                                      int topContributors, List<String> metrics) {

    /** The aggregations a metric selector may end with. */
    public static final List<String> AGGREGATIONS = List.of("max", "mean");

    /** A metric selector: {@code category/name}, optionally {@code :max} or {@code :mean}. */
    private static final Pattern METRIC_SELECTOR = Pattern.compile("[a-z_]+/[a-z0-9_]+(:(max|mean))?");

    public IsolationForestSettings {
        Checks.whole("window", window, 2, 10_000);
        if (minHistory < 3 || minHistory > 10_000) {
            // 3: the threshold's cross-validation grows each fold's forest on at least 2 runs
            throw ConfigException.invalid("min_history", "a whole number in [3, 10000] (min_history must be >= 3 for "
                    + "the threshold's cross-validation)", Integer.toString(minHistory));
        }
        if (minHistory > window) {
            throw ConfigException.invalid("min_history", "a whole number <= window (" + window + ")",
                    Integer.toString(minHistory));
        }
        Checks.whole("n_estimators", trees, 1, 10_000);
        Checks.whole("max_samples", maxSamples, 2, 100_000);
        Checks.whole("seed", seed, 0, Integer.MAX_VALUE);
        Checks.number("alert_quantile", alertQuantile, 0.5, 1);
        Checks.number("min_score", minScore, 0, 1);
        Checks.required("severity", severity);
        Checks.whole("top_contributors", topContributors, 1, 100);
        metrics = Checks.distinct("metrics", metrics);
        if (metrics.isEmpty()) {
            throw ConfigException.invalid("metrics", "at least one metric", "an empty list");
        }
        for (int i = 0; i < metrics.size(); i++) {
            String m = metrics.get(i);
            if (!METRIC_SELECTOR.matcher(m).matches() || m.startsWith("anomaly/")) {
                throw ConfigException.invalid("metrics[" + i + "]", "category/name or category/name:max|mean "
                        + "(for example psi/psi, performance/recall, quality/null_share:max; not an anomaly row)",
                        "'" + m + "'");
            }
        }
    }

    public static IsolationForestSettings defaults() {
        return new IsolationForestSettings(true, 60, 14, 100, 256, 42, 0.95, 0.5, CheckSeverity.MEDIUM, 5,
                List.of("psi/psi:max", "psi/psi:mean", "drift/share_drifted_columns", "performance/recall",
                        "performance/precision",
                        "estimated_performance/recall", "estimated_performance/precision", "concept/churn_rate",
                        "concept/predicted_churn_rate", "quality/null_share:max"));
    }
}
