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
 *   <li><b>ROC and precision-recall curves</b> ({@code roc_curve}, {@code precision_recall_curve}): the
 *   (threshold, TP, FP) of the same tie-grouped walk that gives the areas, thinned for charts
 *   ({@link RankingPoint}, {@code curve-points}, default 200); checked against sklearn 1.x in
 *   {@code ranking-curves.json}.</li>
 * </ul>
 *
 * <p>Cost: O(n log n) for the two sorts behind AUC and AP, primitive arrays only; everything else is one pass.
 * {@link OutcomeCounts} gives the same report chunk by chunk, in memory that grows with the distinct scores.
 */
public final class ClassificationMetrics {

    /** float64 machine epsilon, sklearn's default clipping for log loss. */
    public static final double DEFAULT_LOG_LOSS_EPSILON = 2.220446049250313e-16;
    public static final int DEFAULT_RELIABILITY_BINS = 10;
    /** At most this many ROC/PR points are kept for charts (about one per 1 % of the ROC curve's length). */
    public static final int DEFAULT_CURVE_POINTS = 200;

    private static final ClassificationMetrics DEFAULTS =
            new ClassificationMetrics(DEFAULT_RELIABILITY_BINS, DEFAULT_LOG_LOSS_EPSILON, DEFAULT_CURVE_POINTS);

    private final int reliabilityBins;
    private final double logLossEpsilon;
    private final int curvePoints;
    private final double[] reliabilityEdges;

    private ClassificationMetrics(int reliabilityBins, double logLossEpsilon, int curvePoints) {
        if (reliabilityBins < 1) {
            throw new IllegalArgumentException("reliability bins must be >= 1, got " + reliabilityBins);
        }
        if (!(logLossEpsilon > 0 && logLossEpsilon < 0.5)) {
            throw new IllegalArgumentException("log-loss epsilon must be in (0, 0.5), got " + logLossEpsilon);
        }
        if (curvePoints < 2) {
            throw new IllegalArgumentException("curve points must be >= 2, got " + curvePoints);
        }
        this.reliabilityBins = reliabilityBins;
        this.logLossEpsilon = logLossEpsilon;
        this.curvePoints = curvePoints;
        this.reliabilityEdges = Quantiles.uniformProbabilities(reliabilityBins);
    }

    /** 10 reliability bins, log-loss epsilon 2.220446049250313e-16, at most 200 curve points. */
    public static ClassificationMetrics withDefaults() {
        return DEFAULTS;
    }

    public ClassificationMetrics withReliabilityBins(int bins) {
        return new ClassificationMetrics(bins, logLossEpsilon, curvePoints);
    }

    public ClassificationMetrics withLogLossEpsilon(double epsilon) {
        return new ClassificationMetrics(reliabilityBins, epsilon, curvePoints);
    }

    /** Keeps at most about {@code points} ROC/PR points (see {@link ClassificationReport#curve()}). */
    public ClassificationMetrics withCurvePoints(int points) {
        return new ClassificationMetrics(reliabilityBins, logLossEpsilon, points);
    }

    public int curvePoints() {
        return curvePoints;
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
            checkProbability(score[i], i);
            positives += yTrue[i];
        }
        int negatives = n - positives;

        double[] positiveScores = new double[positives];
        double[] negativeScores = new double[negatives];
        RowSums sums = rowSums();
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
            sums.add(s, y);
        }

        RankingCurve curve = new RankingCurve();
        if (positives > 0) {
            RadixSort.sort(positiveScores);
            RadixSort.sort(negativeScores);
            walkDescending(positiveScores, negativeScores, curve);
        }
        return report(cm, sums, curve);
    }

    static void checkProbability(double s, int row) {
        if (!(s >= 0.0 && s <= 1.0)) {
            throw new IllegalArgumentException("score[" + row + "] = " + s + ", expected a probability in [0, 1]");
        }
    }

    /** Empty per-row sums with this instance's bins and log-loss epsilon. */
    RowSums rowSums() {
        return new RowSums();
    }

    /**
     * The report from its parts: the confusion matrix, the per-row sums and the ranking curve walked over all
     * distinct scores (or not walked at all when there are no positives).
     */
    ClassificationReport report(ConfusionMatrix cm, RowSums sums, RankingCurve curve) {
        long n = cm.total();
        List<ReliabilityBin> reliability = new ArrayList<>(reliabilityBins);
        for (int b = 0; b < reliabilityBins; b++) {
            long c = sums.binCount[b];
            reliability.add(new ReliabilityBin(b, reliabilityEdges[b], reliabilityEdges[b + 1], c,
                    c == 0 ? null : sums.binScoreSum[b].value() / c, c == 0 ? null : (double) sums.binPositives[b] / c));
        }
        return new ClassificationReport(n, cm, cm.accuracy(), cm.precision(), cm.recall(), cm.f1(),
                cm.specificity(), curve.rocAuc(), curve.averagePrecision(),
                n == 0 ? null : sums.logLoss.value() / n, n == 0 ? null : sums.brier.value() / n,
                cm.predictedPositiveRate(), cm.actualPositiveRate(), reliability, curve.points(curvePoints));
    }

    /**
     * The sums behind log loss, Brier score and the reliability curve, one term per row, each sum kept exactly
     * ({@link ExactSum}) and rounded once: so the sums, and the report, are the same whatever the order of the rows
     * and however they were split into chunks or partitions and {@link #merge merged}. The score must already be
     * checked to be in [0, 1].
     */
    final class RowSums {
        private final double[] interiorEdges = Arrays.copyOfRange(reliabilityEdges, 1, reliabilityBins);
        private final long[] binCount = new long[reliabilityBins];
        private final ExactSum[] binScoreSum = new ExactSum[reliabilityBins];
        private final long[] binPositives = new long[reliabilityBins];
        private ExactSum logLoss = new ExactSum();
        private ExactSum brier = new ExactSum();

        RowSums() {
            for (int b = 0; b < reliabilityBins; b++) {
                binScoreSum[b] = new ExactSum();
            }
        }

        void add(double s, int y) {
            double clipped = Math.min(Math.max(s, logLossEpsilon), 1 - logLossEpsilon);
            logLoss.add(-(y == 1 ? Math.log(clipped) : Math.log(1 - clipped)));
            double err = s - y;
            brier.add(err * err);
            int b = EdgeSearch.countBelow(interiorEdges, s);
            binCount[b]++;
            binScoreSum[b].add(s);
            binPositives[b] += y;
        }

        /** Adds the sums of other rows (exactly: the order of rows and merges does not matter). */
        void merge(RowSums later) {
            logLoss.merge(later.logLoss);
            brier.merge(later.brier);
            for (int b = 0; b < reliabilityBins; b++) {
                binCount[b] += later.binCount[b];
                binScoreSum[b].merge(later.binScoreSum[b]);
                binPositives[b] += later.binPositives[b];
            }
        }

        void writeTo(java.io.DataOutput out) throws java.io.IOException {
            logLoss.writeTo(out);
            brier.writeTo(out);
            out.writeInt(reliabilityBins);
            for (int b = 0; b < reliabilityBins; b++) {
                out.writeLong(binCount[b]);
                binScoreSum[b].writeTo(out);
                out.writeLong(binPositives[b]);
            }
        }

        void readFrom(java.io.DataInput in) throws java.io.IOException {
            logLoss = ExactSum.readFrom(in);
            brier = ExactSum.readFrom(in);
            int bins = in.readInt();
            if (bins != reliabilityBins) {
                throw new IllegalArgumentException("row sums of " + bins + " reliability bins, expected "
                        + reliabilityBins);
            }
            for (int b = 0; b < reliabilityBins; b++) {
                binCount[b] = in.readLong();
                binScoreSum[b] = ExactSum.readFrom(in);
                binPositives[b] = in.readLong();
            }
        }
    }

    /**
     * Walks the distinct scores from the highest down, merging the two ascending arrays; at each distinct
     * score all tied rows move together (sklearn's {@code _binary_clf_curve}).
     */
    private static void walkDescending(double[] positiveScores, double[] negativeScores, RankingCurve curve) {
        int i = positiveScores.length - 1;
        int j = negativeScores.length - 1;
        while (i >= 0 || j >= 0) {
            double v;
            if (i < 0) {
                v = negativeScores[j];
            } else if (j < 0) {
                v = positiveScores[i];
            } else {
                v = Math.max(positiveScores[i], negativeScores[j]);
            }
            long tied = 0;
            while (i >= 0 && positiveScores[i] == v) {
                tied++;
                i--;
            }
            long tiedNegatives = 0;
            while (j >= 0 && negativeScores[j] == v) {
                tiedNegatives++;
                j--;
            }
            curve.threshold(v, tied, tiedNegatives);
        }
    }
}
