package io.modelwatch.core.result;

/**
 * Churn rate against the reference baseline (concept drift, the ±5 / ±10 point rules).
 *
 * @param referenceChurnRate  actual churn rate of the reference, or {@code null} without reference labels
 * @param currentChurnRate    actual churn rate of the labelled current rows, or {@code null} without labels
 * @param churnRateChange     {@code current - reference} as a fraction (0.10 = 10 points), or {@code null}
 * @param labelledRows        current rows with a label
 * @param labelCoverage       {@code labelledRows / rows}
 * @param referencePredictedRate predicted positive rate of the reference
 * @param currentPredictedRate   predicted positive rate of the current batch
 */
public record ConceptDrift(Double referenceChurnRate, Double currentChurnRate, Double churnRateChange,
                           long labelledRows, double labelCoverage, Double referencePredictedRate,
                           Double currentPredictedRate) {
}
