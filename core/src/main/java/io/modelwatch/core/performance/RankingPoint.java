package io.modelwatch.core.performance;

/**
 * One point of the ranking curves: the rows scored at least {@code threshold} are predicted positive, and of
 * them {@code truePositives} have label 1 and {@code falsePositives} label 0 (sklearn's
 * {@code _binary_clf_curve}: one point per distinct score, from the highest down, tied rows together).
 * The ROC point is {@code (FP / N, TP / P)} ({@code roc_curve}), the precision-recall point is
 * {@code (TP / P, TP / (TP + FP))} ({@code precision_recall_curve}); P and N are the curve's last point.
 *
 * @param threshold      the score
 * @param truePositives  label-1 rows scored at least {@code threshold}
 * @param falsePositives label-0 rows scored at least {@code threshold}
 */
public record RankingPoint(double threshold, long truePositives, long falsePositives) {
}
