package io.modelwatch.core.estimation;

/**
 * Performance of a batch estimated without labels. Each metric is {@code null} where it is undefined on
 * this batch (for example precision when nothing is predicted positive).
 *
 * @param rows              rows in the batch
 * @param expectedConfusion the expected confusion matrix the metrics come from
 * @param accuracy          estimated accuracy
 * @param precision         estimated precision
 * @param recall            estimated recall
 * @param f1                estimated F1
 * @param specificity       estimated specificity
 * @param rocAuc            estimated ROC AUC
 */
public record EstimatedPerformance(int rows, ExpectedConfusion expectedConfusion, Estimate accuracy,
                                   Estimate precision, Estimate recall, Estimate f1, Estimate specificity,
                                   Estimate rocAuc) {
}
