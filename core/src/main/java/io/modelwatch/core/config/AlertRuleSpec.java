package io.modelwatch.core.config;

/**
 * One configured alert rule over the flat metric rows of a run.
 *
 * @param name      a short identifier (for example {@code recall-high})
 * @param category  metric category the rule reads ({@code performance}, {@code psi}, {@code concept}, ...)
 * @param metric    metric name within the category ({@code recall}, {@code psi}, {@code churn_rate_change})
 * @param scope     which rows: {@code any} (every column and the prediction), {@code features} (feature
 *                  columns only), {@code dataset} (rows without column or segment), or one column name
 * @param condition {@code below}, {@code above} or {@code abs_above}
 * @param threshold the bound
 * @param severity  {@code HIGH}, {@code MEDIUM} or {@code LOW}
 * @param bandSigma the rule's no-change band half-width in standard errors ({@code band_sigma}); {@code null}
 *                  for the configuration's {@code noise_bands.sigma}
 */
public record AlertRuleSpec(String name, String category, String metric, String scope, String condition,
                            double threshold, String severity, Double bandSigma) {

    /** A rule with the configuration's band. */
    public AlertRuleSpec(String name, String category, String metric, String scope, String condition,
                         double threshold, String severity) {
        this(name, category, metric, scope, condition, threshold, severity, null);
    }
}
