package io.modelwatch.core.estimation;

import io.modelwatch.core.binning.RadixSort;

/**
 * Binary classification metrics computed from an expected confusion matrix (labels may be probabilities); {@code null} where a
 * metric is undefined (its denominator is 0). Reports use {@link io.modelwatch.core.performance.ClassificationMetrics}
 * (sklearn conventions, integer counts); this class exists because estimated metrics need fractional counts.
 *
 * <p>One computation serves realised and estimated performance. Each row {@code i} has a ranking score
 * {@code s_i}, a predicted class {@code ŷ_i} and a probability {@code q_i} that its actual class is 1: the
 * label itself (0 or 1) for realised metrics, the calibrated probability for estimated ones. Then
 * <pre>
 *   TP = Σ_{ŷ=1} q_i    FP = Σ_{ŷ=1} (1 − q_i)    FN = Σ_{ŷ=0} q_i    TN = Σ_{ŷ=0} (1 − q_i)
 *   accuracy = (TP + TN) / n          precision = TP / (TP + FP)      recall = TP / (TP + FN)
 *   specificity = TN / (TN + FP)      F1 = 2·TP / (2·TP + FP + FN)
 * </pre>
 * With 0/1 labels these are the ordinary (sklearn) definitions. With probabilities they are expectations
 * of the counts; accuracy and precision are then exact expectations of the metric (their denominators are
 * known: n and the number of predicted positives), recall, specificity and F1 are ratios of expectations
 * (the usual CBPE approximation; the difference is O(1/n)).
 *
 * <p>ROC AUC is the probability that a random positive outranks a random negative, ties counting ½:
 * <pre>
 *   AUC = [ Σ_{i≠j, s_i > s_j} q_i (1 − q_j) + ½ Σ_{i≠j, s_i = s_j} q_i (1 − q_j) ]
 *         / [ (Σ q_i)(Σ (1 − q_j)) − Σ q_i (1 − q_i) ]
 * </pre>
 * where the denominator is the expected number of (positive, negative) pairs of distinct rows. With 0/1
 * labels this is exactly the Mann–Whitney form of sklearn's {@code roc_auc_score}; with calibrated
 * probabilities it is the expected-AUC estimate (again a ratio of expectations). It is computed in
 * O(n log n): one sort by score, then one pass over tie groups g keeping the sum of {@code (1 − q)} over
 * lower scores, adding {@code (Σ_g q)·negBelow + ½[(Σ_g q)(Σ_g (1−q)) − Σ_g q(1−q)]}.
 *
 * @param accuracy    share of correct predictions
 * @param precision   TP / (TP + FP)
 * @param recall      TP / (TP + FN)
 * @param f1          harmonic mean of precision and recall
 * @param specificity TN / (TN + FP)
 * @param rocAuc      area under the ROC curve
 */
public record ExpectedMetrics(Double accuracy, Double precision, Double recall, Double f1,
                                    Double specificity, Double rocAuc) {

    /** Realised metrics from actual labels (0/1). */
    public static ExpectedMetrics realised(double[] scores, int[] labels, int[] predicted) {
        checkLengths(scores.length, "labels", labels.length, predicted.length);
        double[] q = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            IsotonicCalibration.checkLabel("labels", i, labels[i]);
            q[i] = labels[i];
        }
        checkScoresAndPredicted(scores, predicted);
        return of(ExpectedConfusion.of(q, predicted, 0, q.length), rocAuc(scores, q, 0, q.length));
    }

    /** Metrics of rows {@code from..to-1}; inputs already checked. */
    static ExpectedMetrics of(double[] scores, double[] q, int[] predicted, int from, int to) {
        return of(ExpectedConfusion.of(q, predicted, from, to), rocAuc(scores, q, from, to));
    }

    static ExpectedMetrics of(ExpectedConfusion c, Double rocAuc) {
        double n = c.tp() + c.fp() + c.fn() + c.tn();
        return new ExpectedMetrics(
                ratio(c.tp() + c.tn(), n),
                ratio(c.tp(), c.tp() + c.fp()),
                ratio(c.tp(), c.tp() + c.fn()),
                ratio(2 * c.tp(), 2 * c.tp() + c.fp() + c.fn()),
                ratio(c.tn(), c.tn() + c.fp()),
                rocAuc);
    }

    /** The expected ROC AUC of rows {@code from..to-1} (see the class comment); null when undefined. */
    static Double rocAuc(double[] scores, double[] q, int from, int to) {
        int[] order = RadixSort.ascendingOrder(scores, from, to);
        ExpectedAuc auc = new ExpectedAuc();
        int g = 0;
        while (g < order.length) {
            double s = scores[order[g]];
            double groupQ = 0;
            double groupNotQ = 0;
            double groupSelf = 0;
            int h = g;
            while (h < order.length && scores[order[h]] == s) {
                double qi = q[order[h]];
                groupQ += qi;
                groupNotQ += 1 - qi;
                groupSelf += qi * (1 - qi);
                h++;
            }
            auc.group(groupQ, groupNotQ, groupSelf);
            g = h;
        }
        return auc.value();
    }

    /**
     * The expected-AUC sums over tie groups in ascending score order: a group with {@code Σ_g q},
     * {@code Σ_g (1 − q)} and {@code Σ_g q(1 − q)} adds {@code (Σ_g q)·negBelow + ½[(Σ_g q)(Σ_g (1−q)) − Σ_g q(1−q)]}
     * to the numerator. Rows and counts by distinct score feed the same groups, so they get the same doubles.
     */
    static final class ExpectedAuc {
        private double sumQ;
        private double sumNotQ;
        private double sumSelf;
        private double numerator;
        private double negativesBelow;

        void group(double groupQ, double groupNotQ, double groupSelf) {
            numerator += groupQ * negativesBelow + 0.5 * (groupQ * groupNotQ - groupSelf);
            negativesBelow += groupNotQ;
            sumQ += groupQ;
            sumNotQ += groupNotQ;
            sumSelf += groupSelf;
        }

        Double value() {
            return ratio(numerator, sumQ * sumNotQ - sumSelf);
        }
    }

    static Double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : null;
    }

    static void checkLengths(int scores, String secondName, int second, int predicted) {
        if (scores != second || scores != predicted) {
            throw new IllegalArgumentException("scores, " + secondName + " and predicted must have the same length, got "
                    + scores + ", " + second + " and " + predicted);
        }
    }

    static void checkScoresAndPredicted(double[] scores, int[] predicted) {
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("scores[" + i + "] must be finite, got " + scores[i]);
            }
            IsotonicCalibration.checkLabel("predicted", i, predicted[i]);
        }
    }
}
