package io.modelwatch.core.config;

/**
 * Data-quality settings and the severity each kind of breach raises ({@code HIGH}, {@code MEDIUM},
 * {@code LOW} or {@code NONE} to switch it off).
 *
 * @param defaultNullBudget null share allowed per feature when its spec gives none (2 %)
 * @param nullBudgetSeverity      severity when a feature's null share exceeds its budget
 * @param duplicateIdSeverity     severity when an id repeats within the batch
 * @param missingColumnSeverity   severity when a feature column is missing
 * @param unparseableSeverity     severity when cells do not parse as their column's type
 * @param outOfRangeSeverity      severity when numeric cells fall outside [min, max]
 * @param unknownCategorySeverity severity when categorical cells are outside the allowed values
 * @param requiredNullSeverity    severity when id, timestamp, probability or class have nulls
 */
public record QualitySettings(double defaultNullBudget, String nullBudgetSeverity, String duplicateIdSeverity,
                              String missingColumnSeverity, String unparseableSeverity, String outOfRangeSeverity,
                              String unknownCategorySeverity, String requiredNullSeverity) {

    public static QualitySettings defaults() {
        return new QualitySettings(0.02, "HIGH", "HIGH", "HIGH", "HIGH", "HIGH", "HIGH", "HIGH");
    }
}
