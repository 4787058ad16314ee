package io.modelwatch.core.performance;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The outcomes of a batch (label, predicted class, score per row) accumulated chunk by chunk: label and
 * prediction counts, the {@link ClassificationReport} of the scored labelled rows, and the distinct scores
 * of the scored rows with their predicted classes (for an estimate of performance without labels,
 * {@code ConfidenceBasedEstimator.estimate(OutcomeCounts)}).
 *
 * <p>Conventions are those of the monitoring pipeline's outcomes: {@code yTrue} is 0, 1 or -1 (no label),
 * {@code yPred} 0, 1 or -1 (no prediction), {@code score} a probability or NaN (missing). A row is
 * <em>scored</em> when it has a prediction and a score, <em>scored and labelled</em> when it also has a label;
 * the report covers the scored labelled rows, whose score must be in [0, 1].
 *
 * <p>Exactness: counts, the confusion matrix, ROC AUC and average precision are exactly those of
 * {@link ClassificationMetrics#evaluate} on the scored labelled rows of the whole batch (the ranking walk
 * sees the same distinct scores with the same counts). Log loss, Brier score and the reliability bins' mean
 * scores are sums of one term per row, kept exactly and rounded once (see {@code ClassificationMetrics.RowSums}),
 * so they too are those of the batch, whatever the chunking and the order of {@link #merge merges}. The counts
 * travel as bytes ({@link #writeTo}, {@link #readFrom}) between the partitions of a distributed run.
 *
 * <p>Memory: O(distinct scores), an open-addressing table from the score's bits ({@code -0.0} counted as
 * {@code 0.0}) to four counters (labelled rows of class 0 and 1, scored rows predicted 0 and 1), at most half
 * full: at most 80 bytes per distinct score (40 per slot, 1,024 slots at the start) and nothing that grows
 * with the row count (see {@link ScoreTable}). Time: one table probe per scored row; a result sorts the
 * distinct scores once.
 */
public final class OutcomeCounts {

    private final ClassificationMetrics metrics;
    private final ClassificationMetrics.RowSums sums;
    private long rows;
    private long labelled;
    private long positives;
    private long predicted;
    private long predictedPositives;
    private long tn;
    private long fp;
    private long fn;
    private long tp;
    private ScoreTable scores = new ScoreTable();

    private OutcomeCounts(ClassificationMetrics metrics) {
        this.metrics = metrics;
        this.sums = metrics.rowSums();
    }

    /** Empty counts whose report uses the default {@link ClassificationMetrics}. */
    public static OutcomeCounts of() {
        return of(ClassificationMetrics.withDefaults());
    }

    /** Empty counts whose report uses {@code metrics} (reliability bins, log-loss epsilon). */
    public static OutcomeCounts of(ClassificationMetrics metrics) {
        if (metrics == null) {
            throw new IllegalArgumentException("metrics are required, got null");
        }
        return new OutcomeCounts(metrics);
    }

    /**
     * Adds one chunk's rows, after the rows added before.
     *
     * @param yTrue label per row: 0, 1, or -1 for none
     * @param yPred predicted class per row: 0, 1, or -1 for none
     * @param score score per row, NaN for none; in [0, 1] on scored labelled rows
     * @throws IllegalArgumentException on different lengths, a label or class outside {-1, 0, 1}, or a scored
     *                                  labelled row whose score is not in [0, 1] (row index within the chunk);
     *                                  the rows before it in the chunk are then counted already
     */
    public void add(int[] yTrue, int[] yPred, double[] score) {
        if (yTrue.length != yPred.length || yTrue.length != score.length) {
            throw new IllegalArgumentException("yTrue, yPred and score must have the same length, got "
                    + yTrue.length + ", " + yPred.length + " and " + score.length);
        }
        for (int i = 0; i < yTrue.length; i++) {
            int y = checkOutcome(yTrue[i], i, "yTrue");
            int c = checkOutcome(yPred[i], i, "yPred");
            double s = score[i];
            if (c >= 0) {
                predicted++;
                predictedPositives += c;
            }
            if (y >= 0) {
                labelled++;
                positives += y;
            }
            if (c < 0 || Double.isNaN(s)) {
                continue;
            }
            if (y >= 0) {
                ClassificationMetrics.checkProbability(s, i);
            }
            scores.add(s, y, c);
            if (y >= 0) {
                if (y == 1) {
                    if (c == 1) {
                        tp++;
                    } else {
                        fn++;
                    }
                } else if (c == 1) {
                    fp++;
                } else {
                    tn++;
                }
                sums.add(s, y);
            }
        }
        rows += yTrue.length;
    }

    /**
     * Adds the rows of {@code later}, other rows of the batch counted with the same metrics; exact (see the class
     * comment). {@code later} is unchanged.
     */
    public void merge(OutcomeCounts later) {
        if (later.metrics.reliabilityBins() != metrics.reliabilityBins()
                || later.metrics.logLossEpsilon() != metrics.logLossEpsilon()) {
            throw new IllegalArgumentException("cannot merge counts with different metrics: "
                    + metrics.reliabilityBins() + " bins, epsilon " + metrics.logLossEpsilon() + " vs "
                    + later.metrics.reliabilityBins() + " bins, epsilon " + later.metrics.logLossEpsilon());
        }
        rows += later.rows;
        labelled += later.labelled;
        positives += later.positives;
        predicted += later.predicted;
        predictedPositives += later.predictedPositives;
        tn += later.tn;
        fp += later.fp;
        fn += later.fn;
        tp += later.tp;
        sums.merge(later.sums);
        scores.merge(later.scores);
    }

    /** Writes the counts (the metrics' settings are not written: {@link #readFrom} is given the same metrics). */
    public void writeTo(DataOutput out) throws IOException {
        for (long v : new long[] {rows, labelled, positives, predicted, predictedPositives, tn, fp, fn, tp}) {
            out.writeLong(v);
        }
        sums.writeTo(out);
        scores.writeTo(out);
    }

    /** Counts written by {@link #writeTo}, with the metrics they were counted with. */
    public static OutcomeCounts readFrom(DataInput in, ClassificationMetrics metrics) throws IOException {
        OutcomeCounts c = of(metrics);
        c.rows = in.readLong();
        c.labelled = in.readLong();
        c.positives = in.readLong();
        c.predicted = in.readLong();
        c.predictedPositives = in.readLong();
        c.tn = in.readLong();
        c.fp = in.readLong();
        c.fn = in.readLong();
        c.tp = in.readLong();
        c.sums.readFrom(in);
        c.scores.readFrom(in);
        return c;
    }

    /**
     * The same predictions as if no label had arrived (a cohort whose labels have not matured): no labelled
     * rows, no report; the prediction counts and scored values are kept. A new instance; this one is unchanged.
     */
    public OutcomeCounts withoutLabels() {
        OutcomeCounts out = new OutcomeCounts(metrics);
        out.rows = rows;
        out.predicted = predicted;
        out.predictedPositives = predictedPositives;
        out.scores = scores.withoutLabels();
        return out;
    }

    /** Rows added. */
    public long rows() {
        return rows;
    }

    /** Rows with a label (0 or 1), scored or not. */
    public long labelled() {
        return labelled;
    }

    /** Rows with label 1. */
    public long positives() {
        return positives;
    }

    /** Rows with a predicted class (0 or 1). */
    public long predicted() {
        return predicted;
    }

    /** Rows with predicted class 1. */
    public long predictedPositives() {
        return predictedPositives;
    }

    /** Rows with a label, a predicted class and a score: the rows of the {@link #report}. */
    public long scoredLabelled() {
        return tn + fp + fn + tp;
    }

    /** Share of label 1 among the labelled rows; null without labelled rows. */
    public Double churnRate() {
        return labelled == 0 ? null : (double) positives / labelled;
    }

    /** Share of predicted class 1 among the rows with a predicted class; null without any. */
    public Double predictedRate() {
        return predicted == 0 ? null : (double) predictedPositives / predicted;
    }

    /**
     * The report of the scored labelled rows, equal to {@link ClassificationMetrics#evaluate} on those rows
     * (see the class comment for the sums after a merge); null when there are none.
     */
    public ClassificationReport report() {
        if (scoredLabelled() == 0) {
            return null;
        }
        RankingCurve curve = new RankingCurve();
        if (tp + fn > 0) {
            int[] order = scores.sortedSlots();
            long[] table = scores.table;
            for (int k = order.length - 1; k >= 0; k--) {
                int at = order[k];
                long negatives = table[at + ScoreTable.LABELLED_NEGATIVE];
                long pos = table[at + ScoreTable.LABELLED_POSITIVE];
                if (pos + negatives > 0) {
                    curve.threshold(scores.score(at), pos, negatives);
                }
            }
        }
        return metrics.report(new ConfusionMatrix(tn, fp, fn, tp), sums, curve);
    }

    /**
     * The distinct scores of the scored rows, ascending, with how many rows predicted 0 and 1 had each.
     *
     * @param scores           distinct scores, ascending ({@code -0.0} as {@code 0.0})
     * @param predictedZero    scored rows with the score and predicted class 0
     * @param predictedOne     scored rows with the score and predicted class 1
     */
    public record ScoredValues(double[] scores, long[] predictedZero, long[] predictedOne) {

        /** Scored rows in all. */
        public long rows() {
            long n = 0;
            for (int k = 0; k < scores.length; k++) {
                n += predictedZero[k] + predictedOne[k];
            }
            return n;
        }
    }

    /** The scored rows by distinct score and predicted class (new arrays, O(distinct)). */
    public ScoredValues scoredValues() {
        int[] order = this.scores.sortedSlots();
        long[] table = this.scores.table;
        double[] scores = new double[order.length];
        long[] zero = new long[order.length];
        long[] one = new long[order.length];
        int k = 0;
        for (int at : order) {
            if (table[at + ScoreTable.PREDICTED_ZERO] + table[at + ScoreTable.PREDICTED_ONE] > 0) {
                scores[k] = Double.longBitsToDouble(table[at]);
                zero[k] = table[at + ScoreTable.PREDICTED_ZERO];
                one[k++] = table[at + ScoreTable.PREDICTED_ONE];
            }
        }
        return new ScoredValues(Arrays.copyOf(scores, k), Arrays.copyOf(zero, k), Arrays.copyOf(one, k));
    }

    private static int checkOutcome(int v, int row, String what) {
        if (v < -1 || v > 1) {
            throw new IllegalArgumentException(what + "[" + row + "] = " + v + ", expected 0, 1 or -1 (missing)");
        }
        return v;
    }
}
