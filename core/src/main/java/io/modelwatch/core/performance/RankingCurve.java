package io.modelwatch.core.performance;

/**
 * ROC AUC and average precision by a walk over the distinct scores from the highest down (sklearn's
 * {@code _binary_clf_curve}): each {@link #threshold} moves all rows tied at one score together, so the ROC
 * curve takes a diagonal step across a tie. The area is kept in exact integer arithmetic
 * ({@code 2·AUC·P·N = Σ_t (FP_t − FP_{t−1})(TP_t + TP_{t−1})}, at most {@code 2·P·N}) with one division at
 * the end; average precision is the step sum {@code Σ_t (TP_t − TP_{t−1})·TP_t / (TP_t + FP_t) / P}, added in
 * walk order. Both callers (a whole batch, counts by distinct score) walk the same thresholds, so they get
 * the same doubles.
 */
final class RankingCurve {

    private long tp;
    private long fp;
    private long twiceArea;
    private double precisionSteps;

    /** The next lower distinct score, held by {@code positives} rows of class 1 and {@code negatives} of 0. */
    void threshold(long positives, long negatives) {
        long tpPrev = tp;
        long fpPrev = fp;
        tp += positives;
        fp += negatives;
        twiceArea += (fp - fpPrev) * (tp + tpPrev);
        if (tp > tpPrev) {
            precisionSteps += (tp - tpPrev) * ((double) tp / (tp + fp));
        }
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
