package io.modelwatch.core.config;

/**
 * Data-quality settings and the severity each kind of breach raises ({@code HIGH}, {@code MEDIUM},
 * {@code LOW} or {@code NONE} to switch it off).
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
public record QualitySettings(double defaultNullBudget, String nullBudgetSeverity, String duplicateIdSeverity,
                              String missingColumnSeverity, String unparseableSeverity, String outOfRangeSeverity,
                              String unknownCategorySeverity, String requiredNullSeverity,
                              String unexpectedColumnSeverity, String noValuesSeverity) {

    /** Severity value that switches a check off. */
    public static final String NONE = "NONE";

    /** Default severity of an unexpected column: informational, an extra column does not break a run. */
    public static final String DEFAULT_UNEXPECTED_COLUMN_SEVERITY = "LOW";

    /** Default severity of an empty batch or a column without any usable value. */
    public static final String DEFAULT_NO_VALUES_SEVERITY = "HIGH";

    /** The settings without {@code noValuesSeverity}, which takes its default ({@code HIGH}). */
    public QualitySettings(double defaultNullBudget, String nullBudgetSeverity, String duplicateIdSeverity,
                           String missingColumnSeverity, String unparseableSeverity, String outOfRangeSeverity,
                           String unknownCategorySeverity, String requiredNullSeverity,
                           String unexpectedColumnSeverity) {
        this(defaultNullBudget, nullBudgetSeverity, duplicateIdSeverity, missingColumnSeverity, unparseableSeverity,
                outOfRangeSeverity, unknownCategorySeverity, requiredNullSeverity, unexpectedColumnSeverity,
                DEFAULT_NO_VALUES_SEVERITY);
    }

    /** The settings without {@code unexpectedColumnSeverity}, which takes its default ({@code LOW}). */
    public QualitySettings(double defaultNullBudget, String nullBudgetSeverity, String duplicateIdSeverity,
                           String missingColumnSeverity, String unparseableSeverity, String outOfRangeSeverity,
                           String unknownCategorySeverity, String requiredNullSeverity) {
        this(defaultNullBudget, nullBudgetSeverity, duplicateIdSeverity, missingColumnSeverity, unparseableSeverity,
                outOfRangeSeverity, unknownCategorySeverity, requiredNullSeverity, DEFAULT_UNEXPECTED_COLUMN_SEVERITY,
                DEFAULT_NO_VALUES_SEVERITY);
    }

    public static QualitySettings defaults() {
        return new QualitySettings(0.02, "HIGH", "HIGH", "HIGH", "HIGH", "HIGH", "HIGH", "HIGH");
    }
}
