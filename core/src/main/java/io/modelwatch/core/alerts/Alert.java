package io.modelwatch.core.alerts;

import io.modelwatch.core.config.Severity;

/**
 * One graded alert of a run.
 *
 * @param severity  HIGH, MEDIUM or LOW
 * @param rule      name of the rule that raised it
 * @param category  metric category
 * @param metric    metric name
 * @param column    column concerned, or {@code null}
 * @param segment   segment concerned, or {@code null}
 * @param value     observed value (or {@code null} for a finding without a number)
 * @param threshold the bound it crossed (or {@code null})
 * @param estimated true when the value is an estimate made before labels arrived
 * @param message   one line a person can act on
 */
public record Alert(Severity severity, String rule, String category, String metric, String column, String segment,
                    Double value, Double threshold, boolean estimated, String message) {

    /** The identity used for deduplication: same metric, column and segment. */
    public String key() {
        return category + "/" + metric + "/" + (column == null ? "" : column) + "/" + (segment == null ? "" : segment);
    }
}
