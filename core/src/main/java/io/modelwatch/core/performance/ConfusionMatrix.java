package io.modelwatch.core.performance;

/**
 * Counts of a binary classifier's outcomes, positive class 1, in sklearn's layout
 * {@code [[tn, fp], [fn, tp]]} (rows = truth, columns = prediction).
 *
 * <p>The ratio methods return {@code null} when their denominator is 0 (sklearn would warn and
 * return 0 with {@code zero_division=0}; a monitor must not report an undefined precision as 0).
 */
public record ConfusionMatrix(long tn, long fp, long fn, long tp) {

    /** Label value meaning "no label yet" in {@code yTrue} arrays. */
    public static final int MISSING_LABEL = -1;

    public static final ConfusionMatrix EMPTY = new ConfusionMatrix(0, 0, 0, 0);

    /**
     * Counts over all rows.
     *
     * @throws IllegalArgumentException if the lengths differ or a value is not 0 or 1
     */
    public static ConfusionMatrix of(int[] yTrue, int[] yPred) {
        checkSameLength(yTrue.length, yPred.length, "yPred");
        long[] cells = new long[4];
        for (int i = 0; i < yTrue.length; i++) {
            cells[cellIndex(checkLabel(yTrue[i], i, "yTrue"), checkLabel(yPred[i], i, "yPred"))]++;
        }
        return new ConfusionMatrix(cells[0], cells[1], cells[2], cells[3]);
    }

    /**
     * One confusion matrix per segment in a single pass: row {@code i} counts towards
     * {@code segmentOfRow[i]}; rows whose segment is negative or whose label is {@link #MISSING_LABEL}
     * are skipped.
     *
     * @param segments number of segments; {@code segmentOfRow} values must be below it
     */
    public static ConfusionMatrix[] bySegment(int[] yTrue, int[] yPred, int[] segmentOfRow, int segments) {
        checkSameLength(yTrue.length, yPred.length, "yPred");
        checkSameLength(yTrue.length, segmentOfRow.length, "segmentOfRow");
        long[] cells = new long[4 * segments];
        for (int i = 0; i < yTrue.length; i++) {
            int s = segmentOfRow[i];
            if (s < 0 || yTrue[i] == MISSING_LABEL) {
                continue;
            }
            if (s >= segments) {
                throw new IllegalArgumentException("segmentOfRow[" + i + "] = " + s + " but there are "
                        + segments + " segments");
            }
            cells[4 * s + cellIndex(checkLabel(yTrue[i], i, "yTrue"), checkLabel(yPred[i], i, "yPred"))]++;
        }
        ConfusionMatrix[] out = new ConfusionMatrix[segments];
        for (int s = 0; s < segments; s++) {
            out[s] = new ConfusionMatrix(cells[4 * s], cells[4 * s + 1], cells[4 * s + 2], cells[4 * s + 3]);
        }
        return out;
    }

    public long total() {
        return tn + fp + fn + tp;
    }

    public long actualPositives() {
        return tp + fn;
    }

    public long predictedPositives() {
        return tp + fp;
    }

    /** (tp + tn) / total, or null for no rows. */
    public Double accuracy() {
        return ratio(tp + tn, total());
    }

    /** tp / (tp + fp), or null without predicted positives. */
    public Double precision() {
        return ratio(tp, tp + fp);
    }

    /** tp / (tp + fn), or null without actual positives. */
    public Double recall() {
        return ratio(tp, tp + fn);
    }

    /** 2tp / (2tp + fp + fn), or null when that denominator is 0 (no positives at all). */
    public Double f1() {
        return ratio(2 * tp, 2 * tp + fp + fn);
    }

    /** tn / (tn + fp), or null without actual negatives. */
    public Double specificity() {
        return ratio(tn, tn + fp);
    }

    /** (tp + fp) / total, or null for no rows. */
    public Double predictedPositiveRate() {
        return ratio(tp + fp, total());
    }

    /** (tp + fn) / total, or null for no rows. */
    public Double actualPositiveRate() {
        return ratio(tp + fn, total());
    }

    static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    private static int cellIndex(int truth, int prediction) {
        return 2 * truth + prediction; // tn=0, fp=1, fn=2, tp=3
    }

    static int checkLabel(int v, int row, String what) {
        if (v != 0 && v != 1) {
            throw new IllegalArgumentException(what + "[" + row + "] = " + v + ", expected 0 or 1");
        }
        return v;
    }

    static void checkSameLength(int expected, int actual, String what) {
        if (expected != actual) {
            throw new IllegalArgumentException(what + " has " + actual + " rows, yTrue has " + expected);
        }
    }
}
