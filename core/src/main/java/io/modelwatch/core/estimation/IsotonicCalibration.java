package io.modelwatch.core.estimation;

import io.modelwatch.core.binning.RadixSort;
import java.util.Arrays;

/**
 * A monotone map from a model's score to the probability that the label is 1, learnt on labelled data by
 * isotonic regression ({@link PoolAdjacentViolators}) of the 0/1 labels on the scores.
 *
 * <p>Fitting: the rows are ordered by score; rows with the same score are first pooled into one point
 * (weight = row count, value = share of 1 labels), then PAVA gives blocks of constant calibrated
 * probability. Each block contributes its lowest and its highest score as breakpoints (one breakpoint if
 * they coincide), both with the block's value. O(n log n) for the sorts.
 *
 * <p>Applying ({@link #calibrate(double)}): linear interpolation between neighbouring breakpoints (so the
 * map is flat inside a block and linear between blocks), clipped to the first and last value outside the
 * fitted range. This is the convention of scikit-learn's {@code IsotonicRegression(out_of_bounds="clip")}.
 * O(log k) per score for k breakpoints.
 *
 * <p>Immutable and Jackson-serialisable (its components are two arrays of equal length, breakpoints
 * strictly increasing and values non-decreasing in [0, 1]), so it can be stored in a reference profile.
 *
 * @param breakpoints scores, strictly increasing
 * @param values      calibrated probability at each breakpoint, non-decreasing, in [0, 1]
 */
public record IsotonicCalibration(double[] breakpoints, double[] values) {

    public IsotonicCalibration {
        if (breakpoints == null || values == null) {
            throw new IllegalArgumentException("breakpoints and values are required, got "
                    + (breakpoints == null ? "null breakpoints" : "null values"));
        }
        if (breakpoints.length != values.length || breakpoints.length == 0) {
            throw new IllegalArgumentException("breakpoints and values must be non-empty and of equal length, got "
                    + breakpoints.length + " and " + values.length);
        }
        for (int i = 0; i < breakpoints.length; i++) {
            if (!Double.isFinite(breakpoints[i]) || (i > 0 && !(breakpoints[i] > breakpoints[i - 1]))) {
                throw new IllegalArgumentException("breakpoints must be finite and strictly increasing, got "
                        + breakpoints[i] + " at index " + i);
            }
            if (!(values[i] >= 0 && values[i] <= 1) || (i > 0 && values[i] < values[i - 1])) {
                throw new IllegalArgumentException("values must be in [0, 1] and non-decreasing, got "
                        + values[i] + " at index " + i);
            }
        }
        breakpoints = breakpoints.clone();
        values = values.clone();
    }

    /**
     * Fits the calibration on labelled rows.
     *
     * @param scores model scores (finite; typically the predicted probability of class 1)
     * @param labels actual classes, each 0 or 1, same length as {@code scores}, at least one row
     */
    public static IsotonicCalibration fit(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("scores and labels must have the same length, got "
                    + scores.length + " and " + labels.length);
        }
        if (scores.length == 0) {
            throw new IllegalArgumentException("calibration needs at least one labelled row, got 0");
        }
        // Sorting the scores of positives and of negatives separately and merging them keeps everything
        // in primitive arrays (no boxed index sort).
        int positives = 0;
        for (int i = 0; i < labels.length; i++) {
            checkLabel("labels", i, labels[i]);
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("scores[" + i + "] must be finite, got " + scores[i]);
            }
            positives += labels[i];
        }
        double[] pos = new double[positives];
        double[] neg = new double[scores.length - positives];
        int p = 0;
        int q = 0;
        for (int i = 0; i < scores.length; i++) {
            if (labels[i] == 1) {
                pos[p++] = scores[i];
            } else {
                neg[q++] = scores[i];
            }
        }
        RadixSort.sort(pos);
        RadixSort.sort(neg);

        // distinct scores with their weight (row count) and share of positives
        double[] x = new double[scores.length];
        double[] y = new double[scores.length];
        double[] w = new double[scores.length];
        int distinct = 0;
        p = 0;
        q = 0;
        while (p < pos.length || q < neg.length) {
            double s = q == neg.length || (p < pos.length && pos[p] <= neg[q]) ? pos[p] : neg[q];
            int ones = 0;
            int rows = 0;
            while (p < pos.length && pos[p] == s) {
                p++;
                ones++;
                rows++;
            }
            while (q < neg.length && neg[q] == s) {
                q++;
                rows++;
            }
            x[distinct] = s;
            y[distinct] = (double) ones / rows;
            w[distinct] = rows;
            distinct++;
        }
        PoolAdjacentViolators.Blocks blocks = PoolAdjacentViolators.pool(
                Arrays.copyOf(y, distinct), Arrays.copyOf(w, distinct));

        double[] bx = new double[2 * blocks.count()];
        double[] by = new double[2 * blocks.count()];
        int k = 0;
        for (int b = 0; b < blocks.count(); b++) {
            double lo = x[blocks.start()[b]];
            double hi = x[blocks.end()[b] - 1];
            double v = Math.min(1.0, Math.max(0.0, blocks.mean()[b]));
            bx[k] = lo;
            by[k++] = v;
            if (hi > lo) {
                bx[k] = hi;
                by[k++] = v;
            }
        }
        return new IsotonicCalibration(Arrays.copyOf(bx, k), Arrays.copyOf(by, k));
    }

    /** The breakpoints (a copy). */
    @Override
    public double[] breakpoints() {
        return breakpoints.clone();
    }

    /** The calibrated probability at each breakpoint (a copy). */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** The calibrated probability for one score (see the class comment for interpolation and clipping). */
    public double calibrate(double score) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score must not be NaN");
        }
        int last = breakpoints.length - 1;
        if (score <= breakpoints[0]) {
            return values[0];
        }
        if (score >= breakpoints[last]) {
            return values[last];
        }
        int i = Arrays.binarySearch(breakpoints, score);
        if (i >= 0) {
            return values[i];
        }
        int hi = -i - 1; // first breakpoint above the score; 1 <= hi <= last
        int lo = hi - 1;
        double t = (score - breakpoints[lo]) / (breakpoints[hi] - breakpoints[lo]);
        return values[lo] + t * (values[hi] - values[lo]);
    }

    /** Calibrates every score (a new array). */
    public double[] calibrate(double[] scores) {
        double[] out = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("scores[" + i + "] must not be NaN");
            }
            out[i] = calibrate(scores[i]);
        }
        return out;
    }

    static void checkLabel(String name, int index, int label) {
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException(name + "[" + index + "] must be 0 or 1, got " + label);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IsotonicCalibration other
                && Arrays.equals(breakpoints, other.breakpoints) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(breakpoints) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "IsotonicCalibration[" + breakpoints.length + " breakpoints, " + Arrays.toString(breakpoints)
                + " -> " + Arrays.toString(values) + "]";
    }
}
