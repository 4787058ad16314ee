package io.modelwatch.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One configured alert rule over the flat metric rows of a run. Whether its scope names a column or segment of the
 * configuration is checked by {@link MonitoringConfig}.
 *
 * @param name      a short identifier (for example {@code recall-high})
 * @param category  metric category the rule reads ({@code performance}, {@code psi}, {@code concept}, ...)
 * @param metric    metric name within the category ({@code recall}, {@code psi}, {@code churn_rate_change})
 * @param scope     which rows: a {@link RuleScope} keyword ({@code any}, {@code features}, {@code dataset},
 *                  {@code segments}), or one column or segment name
 * @param condition when it fires
 * @param threshold the bound
 * @param severity  the alert's severity
 * @param bandSigma the rule's no-change band half-width in standard errors ({@code band_sigma}); {@code null}
 *                  for the configuration's {@code noise_bands.sigma}
 */
public record AlertRuleSpec(String name, String category, String metric, String scope, Condition condition,
                            @JsonProperty(required = true) double threshold, Severity severity, Double bandSigma) {

    public AlertRuleSpec {
        Checks.name("name", name);
        Checks.name("category", category);
        Checks.name("metric", metric);
        Checks.name("scope", scope);
        Checks.required("condition", condition);
        Checks.number("threshold", threshold, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        Checks.required("severity", severity);
        if (bandSigma != null && !(bandSigma >= 0 && Double.isFinite(bandSigma))) {
            throw new ConfigException("alert rule '" + name + "': band_sigma must be a finite number >= 0, got "
                    + bandSigma);
        }
        if (bandSigma != null) {
            Checks.number("band_sigma", bandSigma, 0, 100);
        }
    }

    /** A rule with the configuration's band. */
    public AlertRuleSpec(String name, String category, String metric, String scope, Condition condition,
                         double threshold, Severity severity) {
        this(name, category, metric, scope, condition, threshold, severity, null);
    }
}
