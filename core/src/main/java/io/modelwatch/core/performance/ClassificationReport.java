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
 * @param curve                 the ROC and precision-recall curves as (threshold, TP, FP) points, highest
 *                              threshold first, thinned for charts; empty for a single class (a report
 *                              written before the curves were kept reads back as empty)
 */
public record ClassificationReport(long rows, ConfusionMatrix confusionMatrix, Double accuracy, Double precision,
                                   Double recall, Double f1, Double specificity, Double rocAuc, Double prAuc,
                                   Double logLoss, Double brierScore, Double predictedPositiveRate,
                                   Double actualPositiveRate, List<ReliabilityBin> reliability,
                                   List<RankingPoint> curve) {

    public ClassificationReport {
        reliability = List.copyOf(reliability);
        curve = curve == null ? List.of() : List.copyOf(curve);
    }

    /** ROC points {@code [false positive rate, true positive rate]}, from (0, 0) (added) to (1, 1). */
    public List<double[]> rocPoints() {
        List<double[]> out = new java.util.ArrayList<>(curve.size() + 1);
        if (curve.isEmpty()) {
            return out;
        }
        RankingPoint last = curve.get(curve.size() - 1);
        out.add(new double[] {0, 0});
        for (RankingPoint p : curve) {
            out.add(new double[] {(double) p.falsePositives() / last.falsePositives(),
                    (double) p.truePositives() / last.truePositives()});
        }
        return out;
    }

    /**
     * Reliability diagram points {@code [mean predicted, fraction positive]} of the non-empty bins (sklearn's
     * {@code calibration_curve(strategy='uniform')}).
     */
    public List<double[]> reliabilityPoints() {
        List<double[]> out = new java.util.ArrayList<>();
        for (ReliabilityBin b : reliability) {
            if (b.count() > 0) {
                out.add(new double[] {b.meanPredicted(), b.fractionPositive()});
            }
        }
        return out;
    }

    /**
     * Precision-recall points {@code [recall, precision]}, highest threshold first (precision is defined at every
     * kept point: it has at least one predicted positive).
     */
    public List<double[]> precisionRecallPoints() {
        List<double[]> out = new java.util.ArrayList<>(curve.size());
        if (curve.isEmpty()) {
            return out;
        }
        RankingPoint last = curve.get(curve.size() - 1);
        for (RankingPoint p : curve) {
            out.add(new double[] {(double) p.truePositives() / last.truePositives(),
                    (double) p.truePositives() / (p.truePositives() + p.falsePositives())});
        }
        return out;
    }

    /** Whether a metric has a value: not null and finite. */
    public static boolean isDefined(Double metric) {
        return metric != null && Double.isFinite(metric);
    }
}
