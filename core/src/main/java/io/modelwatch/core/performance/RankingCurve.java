package io.modelwatch.core.performance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ROC AUC and average precision by a walk over the distinct scores from the highest down (sklearn's
 * {@code _binary_clf_curve}): each {@link #threshold} moves all rows tied at one score together, so the ROC
 * curve takes a diagonal step across a tie. The area is kept in exact integer arithmetic
 * ({@code 2·AUC·P·N = Σ_t (FP_t − FP_{t−1})(TP_t + TP_{t−1})}, at most {@code 2·P·N}) with one division at
 * the end; average precision is the step sum {@code Σ_t (TP_t − TP_{t−1})·TP_t / (TP_t + FP_t) / P}, added in
 * walk order. Both callers (a whole batch, counts by distinct score) walk the same thresholds, so they get
 * the same doubles.
 *
 * <p>It also keeps the curve itself, {@link #points}: every threshold's (score, TP, FP) (memory O(distinct
 * scores), as the callers already hold), thinned for a chart to the points at least {@code 2 / maxPoints}
 * apart in ROC space (L1 distance; the ROC curve from (0, 0) to (1, 1) is monotone, so its L1 length is 2 and
 * at most {@code maxPoints} points are kept), plus the last one. Every kept point is a point of sklearn's
 * {@code roc_curve(drop_intermediate=False)} and {@code precision_recall_curve}, exactly.
 */
final class RankingCurve {

    private long tp;
    private long fp;
    private long twiceArea;
    private double precisionSteps;
    private double[] scores = new double[64];
    private long[] tps = new long[64];
    private long[] fps = new long[64];
    private int thresholds;

    /**
     * The next lower distinct score {@code score}, held by {@code positives} rows of class 1 and
     * {@code negatives} of 0.
     */
    void threshold(double score, long positives, long negatives) {
        long tpPrev = tp;
        long fpPrev = fp;
        tp += positives;
        fp += negatives;
        twiceArea += (fp - fpPrev) * (tp + tpPrev);
        if (tp > tpPrev) {
            precisionSteps += (tp - tpPrev) * ((double) tp / (tp + fp));
        }
        if (thresholds == scores.length) {
            scores = Arrays.copyOf(scores, 2 * thresholds);
            tps = Arrays.copyOf(tps, 2 * thresholds);
            fps = Arrays.copyOf(fps, 2 * thresholds);
        }
        scores[thresholds] = score;
        tps[thresholds] = tp;
        fps[thresholds++] = fp;
    }

    /**
     * The curve, highest threshold first, thinned to the points at least {@code 2 / maxPoints} (L1, in ROC
     * space) from the previous kept one, and the last point; empty unless both classes occurred.
     */
    List<RankingPoint> points(int maxPoints) {
        List<RankingPoint> out = new ArrayList<>();
        if (tp == 0 || fp == 0) {
            return out;
        }
        double step = 2.0 / maxPoints;
        double lastX = 0;
        double lastY = 0;
        for (int k = 0; k < thresholds; k++) {
            double x = (double) fps[k] / fp;
            double y = (double) tps[k] / tp;
            boolean last = k == thresholds - 1;
            if (last || Math.abs(x - lastX) + Math.abs(y - lastY) >= step) {
                out.add(new RankingPoint(scores[k], tps[k], fps[k]));
                lastX = x;
                lastY = y;
            }
        }
        return out;
    }

    /** Area under the ROC curve after the last threshold; null unless both classes occurred. */
    Double rocAuc() {
        return tp == 0 || fp == 0 ? null : twiceArea / (2.0 * tp * fp);
    }

    /** Average precision after the last threshold; null without positives. */
    Double averagePrecision() {
        return tp == 0 ? null : precisionSteps / tp;
    }
}
