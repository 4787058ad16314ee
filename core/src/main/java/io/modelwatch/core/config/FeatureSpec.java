package io.modelwatch.core.config;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftTest;
import io.modelwatch.core.drift.StatTestRegistry;

import java.util.List;
import java.util.Locale;

/**
 * One monitored feature column. Whether its name is free of the role columns and of the other features is checked
 * by {@link MonitoringConfig}.
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
        Checks.name("name", name);
        Checks.required("kind", kind);
        if (min != null) {
            Checks.number("min", min, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        if (max != null) {
            Checks.number("max", max, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        allowedValues = Checks.distinct("allowed_values", allowedValues);
        if (kind == ColumnKind.NUMERIC && !allowedValues.isEmpty()) {
            throw ConfigException.invalid("allowed_values", "no allowed_values on a numeric feature (use min and max)",
                    allowedValues.toString());
        }
        if (kind == ColumnKind.CATEGORICAL && (min != null || max != null)) {
            throw ConfigException.invalid(min != null ? "min" : "max",
                    "no min or max on a categorical feature (use allowed_values)", String.valueOf(min != null ? min : max));
        }
        if (min != null && max != null && min > max) {
            throw ConfigException.invalid("max", "a value >= min (" + min + ")", String.valueOf(max));
        }
        Checks.number("null_budget", nullBudget, 0, 1);
        if (driftTest != null) {
            checkDriftTest(driftTest, kind, StatTestRegistry.defaults());
        }
        Checks.nonNegative("drift_threshold", driftThreshold);
    }

    public boolean isNumeric() {
        return kind == ColumnKind.NUMERIC;
    }

    /**
     * Refuses a drift test the registry does not know or whose declaration of column kinds leaves out
     * {@code kind}. The one place the configuration asks a test which columns it accepts (the test's own
     * declaration, {@link DriftTest#supportedKinds()}), so configuring a test and running it agree.
     */
    static void checkDriftTest(String name, ColumnKind kind, StatTestRegistry registry) {
        DriftTest test = registry.find(name).orElseThrow(
                () -> ConfigException.invalid("drift_test", "one of " + registry.names(), "'" + name + "'"));
        if (!test.supportedKinds().contains(kind)) {
            List<String> fitting = registry.all().stream().filter(t -> t.supportedKinds().contains(kind))
                    .map(DriftTest::name).toList();
            throw ConfigException.invalid("drift_test", "a test for " + kind.name().toLowerCase(Locale.ROOT)
                    + " columns, one of " + fitting, "'" + name + "'");
        }
    }
}
