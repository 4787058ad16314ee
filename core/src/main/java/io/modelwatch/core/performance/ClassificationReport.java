package io.modelwatch.core.performance;

import java.util.List;

/**
 * Quality of a binary classifier on one batch of labelled rows, with sklearn's conventions (see
 * {@link ClassificationMetrics}). Every ratio whose denominator is 0 is {@code null} (written as JSON
 * {@code null}), never 0 or NaN; test with {@link #isDefined(Double)}.
 *
 * @param rows                  number of rows
 * @param confusionMatrix       {tn, fp, fn, tp} at the caller's decision threshold
 * @param accuracy              (tp + tn) / rows
 * @param precision             tp / (tp + fp); null without predicted positives
 * @param recall                tp / (tp + fn); null without actual positives
 * @param f1                    2tp / (2tp + fp + fn); null when that is 0/0
 * @param specificity           tn / (tn + fp); null without actual negatives
 * @param rocAuc                area under the ROC curve (sklearn {@code roc_auc_score}); null for a single class
 * @param prAuc                 average precision (sklearn {@code average_precision_score}, a step sum);
 *                              null without positives
 * @param logLoss               mean negative log-likelihood, natural log, scores clipped to [eps, 1 − eps]
 * @param brierScore            mean of (score − label)²
 * @param predictedPositiveRate (tp + fp) / rows
 * @param actualPositiveRate    (tp + fn) / rows
 * @param reliability           reliability curve, uniform bins over [0, 1]
 */
public record ClassificationReport(long rows, ConfusionMatrix confusionMatrix, Double accuracy, Double precision,
                                   Double recall, Double f1, Double specificity, Double rocAuc, Double prAuc,
                                   Double logLoss, Double brierScore, Double predictedPositiveRate,
                                   Double actualPositiveRate, List<ReliabilityBin> reliability) {

    public ClassificationReport {
        reliability = List.copyOf(reliability);
    }

    /** Whether a metric has a value: not null and finite. */
    public static boolean isDefined(Double metric) {
        return metric != null && Double.isFinite(metric);
    }
}
