package io.modelwatch.core.performance;

import io.modelwatch.core.binning.RadixSort;
import io.modelwatch.core.binning.EdgeSearch;
import io.modelwatch.core.binning.Quantiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Binary classification quality with scikit-learn's conventions (values checked against sklearn 1.2.1 in
 * {@code golden/classification.json}, produced by {@code make_golden.py}).
 *
 * <ul>
 *   <li><b>ROC AUC</b> ({@code roc_auc_score}): scores sorted descending, tied scores form one threshold,
 *   so the curve takes a diagonal step across a tie; area by the trapezoid rule,
 *   {@code AUC = Σ_t (FP_t − FP_{t−1})(TP_t + TP_{t−1}) / (2·P·N)} over distinct thresholds t. Computed in
 *   exact integer arithmetic, one division at the end. Null when y has a single class.</li>
 *   <li><b>Average precision</b> ({@code average_precision_score}, a step sum, not a trapezoid):
 *   {@code AP = Σ_t (R_t − R_{t−1})·P_t} with {@code R_t = TP_t / P}, {@code P_t = TP_t / (TP_t + FP_t)}
 *   at the same tie-grouped thresholds. Null without positives.</li>
 *   <li><b>Log loss</b>: {@code −mean(y·ln p + (1−y)·ln(1−p))}, p clipped to {@code [eps, 1−eps]},
 *   default {@code eps = 2.220446049250313e-16} (float64 machine epsilon, sklearn's {@code eps='auto'}).</li>
 *   <li><b>Brier score</b>: {@code mean((p − y)²)}.</li>
 *   <li><b>Reliability curve</b>: B uniform bins (default 10), edges {@code k·(1/B)} in float64 as
 *   {@code numpy.linspace}; {@code bin = searchsorted(edges[1:-1], p, side='left')}, i.e. bins
 *   {@code (lo, hi]} with bin 0 also holding 0. For the non-empty bins this equals sklearn's
 *   {@code calibration_curve(strategy='uniform')} on the golden cases.</li>
 * </ul>
 *
 * <p>Cost: O(n log n) for the two sorts behind AUC and AP, primitive arrays only; everything else is one pass.
 */
public final class ClassificationMetrics {

    /** float64 machine epsilon, sklearn's default clipping for log loss. */
    public static final double DEFAULT_LOG_LOSS_EPSILON = 2.220446049250313e-16;
    public static final int DEFAULT_RELIABILITY_BINS = 10;

    private static final ClassificationMetrics DEFAULTS =
            new ClassificationMetrics(DEFAULT_RELIABILITY_BINS, DEFAULT_LOG_LOSS_EPSILON);

    private final int reliabilityBins;
    private final double logLossEpsilon;
    private final double[] reliabilityEdges;

    private ClassificationMetrics(int reliabilityBins, double logLossEpsilon) {
        if (reliabilityBins < 1) {
            throw new IllegalArgumentException("reliability bins must be >= 1, got " + reliabilityBins);
        }
        if (!(logLossEpsilon > 0 && logLossEpsilon < 0.5)) {
            throw new IllegalArgumentException("log-loss epsilon must be in (0, 0.5), got " + logLossEpsilon);
        }
        this.reliabilityBins = reliabilityBins;
        this.logLossEpsilon = logLossEpsilon;
        this.reliabilityEdges = Quantiles.uniformProbabilities(reliabilityBins);
    }

    /** 10 reliability bins, log-loss epsilon 2.220446049250313e-16. */
    public static ClassificationMetrics withDefaults() {
        return DEFAULTS;
    }

    public ClassificationMetrics withReliabilityBins(int bins) {
        return new ClassificationMetrics(bins, logLossEpsilon);
    }

    public ClassificationMetrics withLogLossEpsilon(double epsilon) {
        return new ClassificationMetrics(reliabilityBins, epsilon);
    }

    public int reliabilityBins() {
        return reliabilityBins;
    }

    public double logLossEpsilon() {
        return logLossEpsilon;
    }

    /** {@link #evaluate} with the defaults. */
    public static ClassificationReport compute(int[] yTrue, double[] score, int[] yPred) {
        return DEFAULTS.evaluate(yTrue, score, yPred);
    }

    /**
     * Computes the report. Rows with a missing label or score must be removed by the caller.
     *
     * @param yTrue labels, 0 or 1
     * @param score predicted probability of class 1, in [0, 1]
     * @param yPred predicted class at the caller's threshold, 0 or 1
     * @throws IllegalArgumentException on different lengths, a label other than 0/1 or a score outside [0, 1]
     */
    public ClassificationReport evaluate(int[] yTrue, double[] score, int[] yPred) {
        ConfusionMatrix.checkSameLength(yTrue.length, score.length, "score");
        ConfusionMatrix cm = ConfusionMatrix.of(yTrue, yPred);
        int n = yTrue.length;

        int positives = 0;
        for (int i = 0; i < n; i++) {
            double s = score[i];
            if (!(s >= 0.0 && s <= 1.0)) {
                throw new IllegalArgumentException("score[" + i + "] = " + s + ", expected a probability in [0, 1]");
            }
            positives += yTrue[i];
        }
        int negatives = n - positives;

        double[] positiveScores = new double[positives];
        double[] negativeScores = new double[negatives];
        long[] binCount = new long[reliabilityBins];
        double[] binScoreSum = new double[reliabilityBins];
        long[] binPositives = new long[reliabilityBins];
        double logLossSum = 0;
        double brierSum = 0;
        double[] interiorEdges = Arrays.copyOfRange(reliabilityEdges, 1, reliabilityBins);
        int p = 0;
        int q = 0;
        for (int i = 0; i < n; i++) {
            double s = score[i];
            int y = yTrue[i];
            if (y == 1) {
                positiveScores[p++] = s;
            } else {
                negativeScores[q++] = s;
            }
            double clipped = Math.min(Math.max(s, logLossEpsilon), 1 - logLossEpsilon);
            logLossSum -= y == 1 ? Math.log(clipped) : Math.log(1 - clipped);
            double err = s - y;
            brierSum += err * err;
            int b = EdgeSearch.countBelow(interiorEdges, s);
            binCount[b]++;
            binScoreSum[b] += s;
            binPositives[b] += y;
        }

        Double rocAuc = null;
        Double averagePrecision = null;
        if (positives > 0) {
            RadixSort.sort(positiveScores);
            RadixSort.sort(negativeScores);
            double[] ranking = rankingAreas(positiveScores, negativeScores);
            averagePrecision = ranking[1];
            if (negatives > 0) {
                rocAuc = ranking[0];
            }
        }

        List<ReliabilityBin> reliability = new ArrayList<>(reliabilityBins);
        for (int b = 0; b < reliabilityBins; b++) {
            long c = binCount[b];
            reliability.add(new ReliabilityBin(b, reliabilityEdges[b], reliabilityEdges[b + 1], c,
                    c == 0 ? null : binScoreSum[b] / c, c == 0 ? null : (double) binPositives[b] / c));
        }

        return new ClassificationReport(n, cm, cm.accuracy(), cm.precision(), cm.recall(), cm.f1(),
                cm.specificity(), rocAuc, averagePrecision,
                n == 0 ? null : logLossSum / n, n == 0 ? null : brierSum / n,
                cm.predictedPositiveRate(), cm.actualPositiveRate(), reliability);
    }

    /**
     * Walks the distinct scores from the highest down, merging the two ascending arrays; at each distinct
     * score all tied rows move together (sklearn's {@code _binary_clf_curve}).
     *
     * @return {ROC AUC (NaN if no negatives), average precision}
     */
    private static double[] rankingAreas(double[] positiveScores, double[] negativeScores) {
        int i = positiveScores.length - 1;
        int j = negativeScores.length - 1;
        long tp = 0;
        long fp = 0;
        long twiceArea = 0; // Σ (fp - fpPrev)(tp + tpPrev), exact: at most 2·P·N
        double precisionSteps = 0; // Σ (tp - tpPrev)·precision
        while (i >= 0 || j >= 0) {
            double v;
            if (i < 0) {
                v = negativeScores[j];
            } else if (j < 0) {
                v = positiveScores[i];
            } else {
                v = Math.max(positiveScores[i], negativeScores[j]);
            }
            long tpPrev = tp;
            long fpPrev = fp;
            while (i >= 0 && positiveScores[i] == v) {
                tp++;
                i--;
            }
            while (j >= 0 && negativeScores[j] == v) {
                fp++;
                j--;
            }
            twiceArea += (fp - fpPrev) * (tp + tpPrev);
            if (tp > tpPrev) {
                precisionSteps += (tp - tpPrev) * ((double) tp / (tp + fp));
            }
        }
        double auc = fp == 0 ? Double.NaN : twiceArea / (2.0 * tp * fp);
        return new double[] {auc, precisionSteps / tp};
    }
}
