package io.modelwatch.core.importance;

import io.modelwatch.core.binning.EdgeSearch;
import io.modelwatch.core.data.CategoricalColumn;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The labelled rows of a feature counted into WoE bins (numeric by edges, categorical by label), and the checks
 * of labels and edges: the one pass over the rows that {@link WoeIv} and {@link WoeIvCounts} share.
 */
final class WoeRows {

    private WoeRows() {
    }

    /**
     * Adds the labelled rows of {@code x} to the event and non-event counts of the bins of {@code edges}, the
     * last slot of each array ({@code edges.length − 1}, or 0 without edges) counting {@value WoeIv#MISSING}.
     * Labels are not checked here.
     */
    static void countNumeric(double[] edges, double[] x, int[] y, long[] events, long[] nonEvents) {
        int numericBins = Math.max(edges.length - 1, 0);
        for (int i = 0; i < x.length; i++) {
            int label = y[i];
            if (label < 0) {
                continue;
            }
            double v = x[i];
            int bin;
            if (Double.isNaN(v) || numericBins == 0) {
                bin = numericBins;
            } else {
                // (e_i, e_i+1] is bin i; e_0 itself and anything below goes to bin 0, anything above e_B to the last
                bin = Math.min(Math.max(EdgeSearch.countBelow(edges, v) - 1, 0), numericBins - 1);
            }
            if (label == 1) {
                events[bin]++;
            } else {
                nonEvents[bin]++;
            }
        }
    }

    /**
     * Adds the labelled rows of {@code x} to the non-event and event counts ({@code [0]}, {@code [1]}) per
     * category label in {@code cells} (labels without a labelled row are not added) and of the null rows in
     * {@code missing}.
     *
     * @throws IllegalArgumentException if the lengths differ or a label is not 0, 1 or -1
     */
    static void countCategorical(CategoricalColumn x, int[] y, Map<String, long[]> cells, long[] missing) {
        int[] codes = x.codes();
        checkLengths(codes.length, y);
        long[][] byCode = new long[x.dictionary().size()][2];
        for (int i = 0; i < codes.length; i++) {
            int label = checkLabel(y, i);
            if (label < 0) {
                continue;
            }
            long[] c = codes[i] == CategoricalColumn.NULL_CODE ? missing : byCode[codes[i]];
            c[label]++;
        }
        for (int k = 0; k < byCode.length; k++) {
            if (byCode[k][0] + byCode[k][1] > 0) {
                cells.merge(x.dictionary().get(k), byCode[k], (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
    }

    /** Frozen edges as an array, checked as {@link WoeIv#evaluateNumericWithEdges} requires. */
    static double[] checkedEdges(List<Double> edges) {
        double[] e = new double[edges.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = Objects.requireNonNull(edges.get(i), "edge " + i);
        }
        checkEdges(e);
        return e;
    }

    static void checkLengths(int rows, int[] y) {
        if (y.length != rows) {
            throw new IllegalArgumentException("labels have " + y.length + " rows, the feature has " + rows);
        }
    }

    static int checkLabel(int[] y, int row) {
        int v = y[row];
        if (v != 0 && v != 1 && v != -1) {
            throw new IllegalArgumentException("y[" + row + "] = " + v + ", expected 0, 1 or -1 (no label)");
        }
        return v;
    }

    private static void checkEdges(double[] e) {
        if (e.length < 2) {
            throw new IllegalArgumentException("WoE bins need at least two edges, got " + Arrays.toString(e));
        }
        boolean constant = e.length == 2 && e[0] == e[1];
        for (int i = 0; i < e.length; i++) {
            if (!Double.isFinite(e[i])) {
                throw new IllegalArgumentException("WoE edge " + i + " is " + e[i]);
            }
            if (i > 0 && !(e[i] > e[i - 1]) && !constant) {
                throw new IllegalArgumentException("WoE edges must increase, got " + e[i - 1] + " then " + e[i]);
            }
        }
    }
}
