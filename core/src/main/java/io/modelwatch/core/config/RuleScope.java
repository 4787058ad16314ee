package io.modelwatch.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The keywords an alert rule's {@code scope} may be, besides the name of one feature, role column or segment
 * dimension.
 */
public enum RuleScope {
    /** Every row of the metric: each column, each segment and the dataset. */
    ANY,
    /** The rows of feature columns. */
    FEATURES,
    /** The rows without column or segment. */
    DATASET,
    /** The rows of segments. */
    SEGMENTS;

    /** The keyword in the configuration ({@code any}). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The keywords, in order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(RuleScope::key).toList();
    }

    /** The keyword {@code scope} is, or empty for a column or segment name. */
    public static Optional<RuleScope> of(String scope) {
        return Arrays.stream(values()).filter(s -> s.key().equals(scope)).findFirst();
    }
}
