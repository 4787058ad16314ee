package io.modelwatch.core.estimation;

import io.modelwatch.core.performance.OutcomeCounts;

/**
 * What {@link PerformanceEstimator#fit} learnt from the reference; estimates performance of unlabelled
 * batches. Immutable and Jackson-serialisable (records and primitive arrays only), so it can be stored in
 * the reference profile.
 *
 * <p>Estimate: each score {@code s_i} is calibrated to {@code p_i = calibration(s_i)}, the probability that
 * the row is actually 1; with the predicted classes {@code ŷ_i} the expected confusion matrix is
 * {@code E[TP] = Σ_{ŷ=1} p_i, E[FP] = Σ_{ŷ=1} (1 − p_i), E[FN] = Σ_{ŷ=0} p_i, E[TN] = Σ_{ŷ=0} (1 − p_i)},
 * and accuracy, precision, recall, F1, specificity and ROC AUC follow as in {@link ExpectedMetrics}
 * (ROC AUC by the expected-AUC formula, ranking by the raw scores).
 *
 * <p>Band (sampling error): a metric measured on a batch of {@code m} rows varies from batch to batch
 * even when nothing changes. The reference shows how much: {@code σ_c}, the standard deviation of the
 * realised metric over reference chunks of {@code c} rows. Scaled to the batch size as a standard error
 * ({@code σ_m = σ_c · sqrt(c / m)}), the band is
 * <pre>  [ max(0, estimate − k·σ_m), min(1, estimate + k·σ_m) ]</pre>
 * with {@code k = bandSigmas} (default 3). When the batch has exactly {@code c} rows this is
 * {@code estimate ± k·σ_c}. The band covers the realised metric's sampling noise around the estimate; it
 * does not cover error in the calibration itself (for example under concept drift).
 *
 * @param calibration       isotonic calibration of the scores, fitted on the reference
 * @param referenceRows     rows in the reference
 * @param chunkSize         rows per reference chunk ({@code c})
 * @param chunks            number of full reference chunks
 * @param bandSigmas        band half-width in standard deviations ({@code k})
 * @param referenceMetrics  realised metrics on the whole reference
 * @param chunkStd          per metric, {@code σ_c}; a {@code null} metric gets no band
 */
public record ConfidenceBasedEstimator(IsotonicCalibration calibration, int referenceRows, int chunkSize,
                                       int chunks, double bandSigmas, ExpectedMetrics referenceMetrics,
                                       ExpectedMetrics chunkStd) {

    public ConfidenceBasedEstimator {
        if (calibration == null || referenceMetrics == null || chunkStd == null) {
            throw new IllegalArgumentException("calibration, referenceMetrics and chunkStd are required");
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
        }
        if (!(bandSigmas > 0) || !Double.isFinite(bandSigmas)) {
            throw new IllegalArgumentException("bandSigmas must be finite and > 0, got " + bandSigmas);
        }
    }

    /**
     * Estimates performance of a batch without labels.
     *
     * @param scores    the model's scores, finite
     * @param predicted predicted classes, 0 or 1, same length; at least one row
     */
    public EstimatedPerformance estimate(double[] scores, int[] predicted) {
        if (scores.length != predicted.length) {
            throw new IllegalArgumentException("scores and predicted must have the same length, got "
                    + scores.length + " and " + predicted.length);
        }
        int m = scores.length;
        if (m == 0) {
            throw new IllegalArgumentException("cannot estimate performance of an empty batch (0 rows)");
        }
        ExpectedMetrics.checkScoresAndPredicted(scores, predicted);
        double[] p = calibration.calibrate(scores);
        return estimate(m, ExpectedConfusion.of(p, predicted, 0, m), ExpectedMetrics.rocAuc(scores, p, 0, m));
    }

    /**
     * Estimates performance of the scored rows of accumulated counts: the same as {@link #estimate(double[], int[])}
     * on those rows' scores and predicted classes, computed from the distinct scores (each calibrated once).
     *
     * <p>Exactness: the ROC AUC is equal (its tie groups are sums of equal terms, added here as often as there
     * are rows, in the same order). The expected confusion matrix is {@code Σ count·q} per distinct score and
     * class, compensated, where the row-wise form adds one {@code q} per row in row order: the two differ in
     * the last bits (within 1e-12 relative on realistic batches), and so do the metrics and bands from it.
     * {@code -0.0} is calibrated as {@code 0.0}.
     *
     * @throws IllegalArgumentException without scored rows, or for a score that is not finite
     */
    public EstimatedPerformance estimate(OutcomeCounts counts) {
        OutcomeCounts.ScoredValues scored = counts.scoredValues();
        double[] scores = scored.scores();
        long m = scored.rows();
        if (m == 0) {
            throw new IllegalArgumentException("cannot estimate performance of an empty batch (0 rows)");
        }
        if (m > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cannot estimate performance of more than " + Integer.MAX_VALUE
                    + " rows, got " + m);
        }
        for (double s : scores) {
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("scores must be finite, got " + s);
            }
        }
        double[] p = calibration.calibrate(scores);
        CompensatedSum tp = new CompensatedSum();
        CompensatedSum fp = new CompensatedSum();
        CompensatedSum fn = new CompensatedSum();
        CompensatedSum tn = new CompensatedSum();
        ExpectedMetrics.ExpectedAuc auc = new ExpectedMetrics.ExpectedAuc();
        for (int k = 0; k < scores.length; k++) {
            double q = p[k];
            long one = scored.predictedOne()[k];
            long zero = scored.predictedZero()[k];
            tp.add(one * q);
            fp.add(one * (1 - q));
            fn.add(zero * q);
            tn.add(zero * (1 - q));
            double groupQ = 0;
            double groupNotQ = 0;
            double groupSelf = 0;
            for (long r = one + zero; r > 0; r--) {
                groupQ += q;
                groupNotQ += 1 - q;
                groupSelf += q * (1 - q);
            }
            auc.group(groupQ, groupNotQ, groupSelf);
        }
        return estimate((int) m, new ExpectedConfusion(tp.value(), fp.value(), fn.value(), tn.value()), auc.value());
    }

    private EstimatedPerformance estimate(int m, ExpectedConfusion confusion, Double rocAuc) {
        ExpectedMetrics est = ExpectedMetrics.of(confusion, rocAuc);
        double scale = Math.sqrt((double) chunkSize / m);
        return new EstimatedPerformance(m, confusion,
                band(est.accuracy(), chunkStd.accuracy(), scale),
                band(est.precision(), chunkStd.precision(), scale),
                band(est.recall(), chunkStd.recall(), scale),
                band(est.f1(), chunkStd.f1(), scale),
                band(est.specificity(), chunkStd.specificity(), scale),
                band(est.rocAuc(), chunkStd.rocAuc(), scale));
    }

    /** Neumaier's compensated sum: the error does not grow with the number of terms. */
    private static final class CompensatedSum {
        private double sum;
        private double compensation;

        void add(double x) {
            double t = sum + x;
            compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
            sum = t;
        }

        double value() {
            return sum + compensation;
        }
    }

    private Estimate band(Double value, Double std, double scale) {
        if (value == null) {
            return null;
        }
        if (std == null) {
            return new Estimate(value, null, null);
        }
        double half = bandSigmas * std * scale;
        return new Estimate(value, Math.max(0.0, value - half), Math.min(1.0, value + half));
    }
}
