package io.modelwatch.core.config;

/**
 * Data-quality settings and the severity each kind of breach raises ({@link CheckSeverity#NONE} switches it
 * off).
 *
 * @param defaultNullBudget null share allowed per feature when its spec gives none (2 %)
 * @param nullBudgetSeverity      severity when a feature's null share exceeds its budget
 * @param duplicateIdSeverity     severity when an id repeats within the batch
 * @param missingColumnSeverity   severity when a feature column or a required role column is missing
 * @param unparseableSeverity     severity when cells do not parse as their column's type, a row has the
 *                                wrong number of fields, or a column has the wrong type
 * @param outOfRangeSeverity      severity when numeric cells fall outside [min, max], a probability outside
 *                                [0, 1], or a class or target outside {0, 1}
 * @param unknownCategorySeverity severity when categorical cells are outside the allowed values
 * @param requiredNullSeverity    severity when id, timestamp, probability or class have nulls
 * @param unexpectedColumnSeverity severity when the input has a column the configuration does not know
 * @param noValuesSeverity        severity when the batch has no rows, or a feature, probability or class column
 *                                has no usable value (every cell empty or unparseable): its drift is not computable
 */
public record QualitySettings(double defaultNullBudget, CheckSeverity nullBudgetSeverity,
                              CheckSeverity duplicateIdSeverity, CheckSeverity missingColumnSeverity,
                              CheckSeverity unparseableSeverity, CheckSeverity outOfRangeSeverity,
                              CheckSeverity unknownCategorySeverity, CheckSeverity requiredNullSeverity,
                              CheckSeverity unexpectedColumnSeverity, CheckSeverity noValuesSeverity) {

    public QualitySettings {
        Checks.number("default_null_budget", defaultNullBudget, 0, 1);
        Checks.required("null_budget_severity", nullBudgetSeverity);
        Checks.required("duplicate_id_severity", duplicateIdSeverity);
        Checks.required("missing_column_severity", missingColumnSeverity);
        Checks.required("unparseable_severity", unparseableSeverity);
        Checks.required("out_of_range_severity", outOfRangeSeverity);
        Checks.required("unknown_category_severity", unknownCategorySeverity);
        Checks.required("required_null_severity", requiredNullSeverity);
        Checks.required("unexpected_column_severity", unexpectedColumnSeverity);
        Checks.required("no_values_severity", noValuesSeverity);
    }

    /**
     * Every breach {@code HIGH} except an unexpected column ({@code LOW}: informational, an extra column does not
     * break a run).
     */
    public static QualitySettings defaults() {
        CheckSeverity high = CheckSeverity.HIGH;
        return new QualitySettings(0.02, high, high, high, high, high, high, high, CheckSeverity.LOW, high);
    }
}
