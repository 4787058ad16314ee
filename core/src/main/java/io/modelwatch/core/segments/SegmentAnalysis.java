package io.modelwatch.core.segments;

import io.modelwatch.core.binning.EdgeSearch;
import io.modelwatch.core.config.SegmentSpec;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.NumberText;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.performance.ConfusionMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-segment churn rate, recall, precision and predicted positive rate, for a categorical dimension (one
 * segment per value) or numeric bands {@code [e_0, e_1), [e_1, e_2), ..., [e_k−1, e_k]} (the last band closed,
 * as in {@link SegmentSpec}).
 *
 * <p>Labels: {@code yTrue} holds 0/1 with {@link ConfusionMatrix#MISSING_LABEL} ({@code -1}) for a row whose
 * outcome is not known yet, or is {@code null} when the batch has no labels at all. Recall, precision and churn
 * rate use the labelled rows only (counted by {@link ConfusionMatrix#bySegment}); the predicted positive rate
 * uses every row of the segment. {@code yPred} must be 0/1 on every row.
 *
 * <p>Segment order: categories sorted ({@link String#compareTo}), or bands in edge order (every band listed,
 * even when empty); then {@value #OUT_OF_BANDS} (numeric values outside {@code [e_0, e_k]}) and
 * {@value #MISSING} (null cells) when they have rows. One pass over the rows, O(n log k) for bands.
 */
public final class SegmentAnalysis {

    public static final String MISSING = "MISSING";
    public static final String OUT_OF_BANDS = "out of bands";

    private SegmentAnalysis() {
    }

    /**
     * Segments of a configured dimension: bands of a numeric column when the spec has bands, otherwise the
     * values of a categorical column.
     *
     * @throws IllegalArgumentException if the column's type does not fit the spec
     */
    public static List<SegmentMetrics> of(SegmentSpec spec, Column column, int[] yTrue, int[] yPred) {
        if (spec.isBanded()) {
            if (column instanceof NumericColumn numeric) {
                return byBands(spec.name(), numeric, edges(spec), yTrue, yPred);
            }
        } else if (column instanceof CategoricalColumn categorical) {
            return byCategory(spec.name(), categorical, yTrue, yPred);
        }
        throw new IllegalArgumentException("segment '" + spec.name() + "': column '" + column.name() + "' is a "
                + column.getClass().getSimpleName() + ", expected a "
                + (spec.isBanded() ? "numeric column for bands " + spec.bands() : "categorical column"));
    }

    /** One segment per value of a categorical column, then {@value #MISSING} for nulls. */
    public static List<SegmentMetrics> byCategory(String dimension, CategoricalColumn col, int[] yTrue,
                                                  int[] yPred) {
        Assignment a = categories(col);
        // keep only values that occur, plus MISSING when it has rows
        return summarise(dimension, a.labels(), a.segmentOfRow(), yTrue, yPred, false);
    }

    /**
     * One segment per band {@code [e_i, e_i+1)}, the last closed; values outside go to {@value #OUT_OF_BANDS},
     * NaN to {@value #MISSING}.
     *
     * @param edges strictly increasing band edges, at least two (infinite outer edges are allowed)
     */
    public static List<SegmentMetrics> byBands(String dimension, NumericColumn col, double[] edges, int[] yTrue,
                                               int[] yPred) {
        checkEdges(dimension, edges);
        int bands = edges.length - 1;
        Assignment a = bands(col, edges);
        List<SegmentMetrics> all = summarise(dimension, a.labels(), a.segmentOfRow(), yTrue, yPred, true);
        // every band is listed; the two catch-all segments only when they have rows
        List<SegmentMetrics> out = new ArrayList<>(all.subList(0, bands));
        for (SegmentMetrics m : all.subList(bands, all.size())) {
            if (m.count() > 0) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Which segment each row belongs to.
     *
     * @param labels       segment labels, indexed by segment number
     * @param segmentOfRow segment number of each row
     */
    public record Assignment(List<String> labels, int[] segmentOfRow) {

        /** The values of {@code data} per segment label (segments without rows are absent). */
        public java.util.Map<String, double[]> split(double[] data) {
            int[] sizes = new int[labels.size()];
            for (int s : segmentOfRow) {
                sizes[s]++;
            }
            double[][] parts = new double[labels.size()][];
            for (int s = 0; s < parts.length; s++) {
                parts[s] = new double[sizes[s]];
            }
            int[] fill = new int[labels.size()];
            for (int i = 0; i < segmentOfRow.length; i++) {
                int s = segmentOfRow[i];
                parts[s][fill[s]++] = data[i];
            }
            java.util.Map<String, double[]> out = new java.util.LinkedHashMap<>();
            for (int s = 0; s < parts.length; s++) {
                if (sizes[s] > 0) {
                    out.put(labels.get(s), parts[s]);
                }
            }
            return out;
        }
    }

    /** The segment of each row under a configured dimension (bands or categories, as in {@link #of}). */
    public static Assignment assign(SegmentSpec spec, Column column) {
        if (spec.isBanded() && column instanceof NumericColumn numeric) {
            return bands(numeric, edges(spec));
        }
        if (!spec.isBanded() && column instanceof CategoricalColumn categorical) {
            return categories(categorical);
        }
        throw new IllegalArgumentException("segment '" + spec.name() + "': column '" + column.name() + "' is a "
                + column.getClass().getSimpleName() + ", expected a "
                + (spec.isBanded() ? "numeric column for bands " + spec.bands() : "categorical column"));
    }

    /** Categories in string order, then {@value #MISSING}. */
    private static Assignment categories(CategoricalColumn col) {
        List<String> dictionary = col.dictionary();
        Integer[] order = new Integer[dictionary.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> dictionary.get(a).compareTo(dictionary.get(b)));
        int[] segmentOfCode = new int[order.length];
        List<String> labels = new ArrayList<>(order.length + 1);
        for (int s = 0; s < order.length; s++) {
            segmentOfCode[order[s]] = s;
            labels.add(dictionary.get(order[s]));
        }
        int missing = order.length;
        labels.add(MISSING);

        int[] codes = col.codes();
        int[] segmentOfRow = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            segmentOfRow[i] = codes[i] == CategoricalColumn.NULL_CODE ? missing : segmentOfCode[codes[i]];
        }
        return new Assignment(labels, segmentOfRow);
    }

    /** Bands in order, then {@value #OUT_OF_BANDS}, then {@value #MISSING}. */
    private static Assignment bands(NumericColumn col, double[] edges) {
        double[] values = col.values();
        int[] segmentOfRow = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            segmentOfRow[i] = band(edges, values[i]);
        }
        return new Assignment(bandLabels(edges), segmentOfRow);
    }

    /** The checked band edges of a banded spec. */
    static double[] edges(SegmentSpec spec) {
        double[] edges = spec.bands().stream().mapToDouble(Double::doubleValue).toArray();
        checkEdges(spec.name(), edges);
        return edges;
    }

    /** Labels of the bands {@code [e_i, e_i+1)} (the last closed), then {@value #OUT_OF_BANDS}, {@value #MISSING}. */
    static List<String> bandLabels(double[] edges) {
        int bands = edges.length - 1;
        List<String> labels = new ArrayList<>(bands + 2);
        for (int b = 0; b < bands; b++) {
            labels.add("[" + NumberText.compact(edges[b]) + ", " + NumberText.compact(edges[b + 1])
                    + (b == bands - 1 ? "]" : ")"));
        }
        labels.add(OUT_OF_BANDS);
        labels.add(MISSING);
        return labels;
    }

    /**
     * The segment of a value among {@link #bandLabels}: its band, else {@code bands} (out of bands), or
     * {@code bands + 1} for NaN (missing).
     */
    static int band(double[] edges, double v) {
        int bands = edges.length - 1;
        if (Double.isNaN(v)) {
            return bands + 1;
        }
        int atOrBelow = EdgeSearch.countAtOrBelow(edges, v);
        if (atOrBelow == 0) {
            return bands;
        }
        if (atOrBelow <= bands) {
            return atOrBelow - 1;
        }
        return v == edges[bands] ? bands - 1 : bands;
    }

    private static List<SegmentMetrics> summarise(String dimension, List<String> labels, int[] segmentOfRow,
                                                  int[] yTrue, int[] yPred, boolean keepEmpty) {
        int n = segmentOfRow.length;
        if (yPred.length != n) {
            throw new IllegalArgumentException("segment '" + dimension + "': yPred has " + yPred.length
                    + " rows, the column has " + n);
        }
        if (yTrue != null && yTrue.length != n) {
            throw new IllegalArgumentException("segment '" + dimension + "': yTrue has " + yTrue.length
                    + " rows, the column has " + n);
        }
        int segments = labels.size();
        long[] count = new long[segments];
        long[] predictedPositive = new long[segments];
        for (int i = 0; i < n; i++) {
            int p = yPred[i];
            if (p != 0 && p != 1) {
                throw new IllegalArgumentException("yPred[" + i + "] = " + p + ", expected 0 or 1");
            }
            count[segmentOfRow[i]]++;
            predictedPositive[segmentOfRow[i]] += p;
        }
        ConfusionMatrix[] confusion = yTrue == null ? null
                : ConfusionMatrix.bySegment(yTrue, yPred, segmentOfRow, segments);

        List<SegmentMetrics> out = new ArrayList<>(segments);
        for (int s = 0; s < segments; s++) {
            if (count[s] == 0 && !keepEmpty) {
                continue;
            }
            out.add(metrics(dimension, labels.get(s), count[s], predictedPositive[s],
                    confusion == null ? null : confusion[s]));
        }
        return out;
    }

    /**
     * One segment's metrics from its counts.
     *
     * @param confusion the confusion matrix of its labelled rows, or null when the batch has no labels
     */
    static SegmentMetrics metrics(String dimension, String label, long count, long predictedPositive,
                                  ConfusionMatrix confusion) {
        ConfusionMatrix cm = confusion == null ? ConfusionMatrix.EMPTY : confusion;
        Long churners = confusion == null ? null : cm.actualPositives();
        return new SegmentMetrics(dimension, label, count, cm.total(), churners, cm.actualPositiveRate(), cm.recall(),
                cm.precision(), count == 0 ? null : (double) predictedPositive / count);
    }

    private static void checkEdges(String dimension, double[] edges) {
        if (edges.length < 2) {
            throw new IllegalArgumentException("segment '" + dimension + "' needs at least two band edges, got "
                    + Arrays.toString(edges));
        }
        for (int i = 0; i < edges.length; i++) {
            if (Double.isNaN(edges[i]) || (i > 0 && !(edges[i] > edges[i - 1]))) {
                throw new IllegalArgumentException("segment '" + dimension
                        + "': band edges must strictly increase, got " + Arrays.toString(edges));
            }
        }
    }
}
