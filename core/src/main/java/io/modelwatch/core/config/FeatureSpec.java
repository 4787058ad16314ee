package io.modelwatch.core.config;

import io.modelwatch.core.drift.ColumnKind;

import java.util.List;

/**
 * One monitored feature column.
 *
 * @param name           column name in the input
 * @param kind           numeric or categorical
 * @param min            smallest allowed value (numeric), or {@code null} for no lower bound
 * @param max            largest allowed value (numeric), or {@code null} for no upper bound
 * @param allowedValues  allowed categories (categorical), empty for "any"
 * @param nullBudget     largest allowed share of null cells, in [0, 1]
 * @param driftTest      drift test name overriding the automatic choice, or {@code null} for auto
 * @param driftThreshold threshold overriding the test's default, or {@code null}
 */
public record FeatureSpec(String name, ColumnKind kind, Double min, Double max, List<String> allowedValues,
                          double nullBudget, String driftTest, Double driftThreshold) {

    public FeatureSpec {
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
    }

    public boolean isNumeric() {
        return kind == ColumnKind.NUMERIC;
    }
}
