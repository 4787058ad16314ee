package io.modelwatch.core.binning;

/**
 * Sample quantiles with numpy's default ({@code method='linear'}, Hyndman &amp; Fan type 7) definition,
 * reproduced to the last bit so that bin edges match {@code numpy.quantile} and {@code pandas.qcut}.
 *
 * <p>For sorted values {@code x[0..n-1]} and a probability {@code q}: {@code h = (n-1)·q},
 * {@code i = floor(h)}, {@code t = h - i}; the quantile is {@code x[i] + (x[i+1]-x[i])·t} when
 * {@code t < 0.5} and {@code x[i+1] - (x[i+1]-x[i])·(1-t)} otherwise (numpy's {@code _lerp}, which
 * evaluates from the nearer end); when {@code h >= n-1} it is {@code x[n-1]}.
 *
 * <p>Probabilities for {@code B} equal-frequency bins are numpy's {@code linspace(0, 1, B+1)}:
 * {@code k·(1/B)} in float64 with the last set to exactly 1, so for {@code B = 10} the fourth is
 * {@code 0.30000000000000004}.
 */
public final class Quantiles {

    private Quantiles() {
    }

    /**
     * The linear-interpolation quantile of an ascending, NaN-free array.
     *
     * @throws IllegalArgumentException if {@code sorted} is empty or {@code q} is outside [0, 1]
     */
    public static double linear(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("quantile of an empty sample");
        }
        if (!(q >= 0.0 && q <= 1.0)) {
            throw new IllegalArgumentException("quantile probability must be in [0, 1], got " + q);
        }
        int n = sorted.length;
        double h = (n - 1) * q;
        if (h >= n - 1) {
            return sorted[n - 1];
        }
        int i = (int) Math.floor(h);
        double t = h - i;
        double a = sorted[i];
        double b = sorted[i + 1];
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    /** numpy's {@code linspace(0, 1, bins + 1)}: {@code k·(1/bins)}, the last exactly 1. */
    public static double[] uniformProbabilities(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("number of bins must be >= 1, got " + bins);
        }
        double step = 1.0 / bins;
        double[] p = new double[bins + 1];
        for (int k = 0; k < bins; k++) {
            p[k] = k * step;
        }
        p[bins] = 1.0;
        return p;
    }

    /**
     * Equal-frequency edges: the quantiles at {@link #uniformProbabilities(int)} with duplicates removed,
     * as {@code pandas.qcut(x, q=bins, duplicates='drop')} computes them. A constant sample gives one edge.
     */
    public static double[] equalFrequencyEdges(double[] sorted, int bins) {
        double[] probs = uniformProbabilities(bins);
        double[] edges = new double[probs.length];
        for (int k = 0; k < probs.length; k++) {
            edges[k] = linear(sorted, probs[k]);
        }
        return distinctAscending(edges);
    }

    /** The distinct values of an ascending array, in order. */
    public static double[] distinctAscending(double[] ascending) {
        int m = 0;
        double[] out = new double[ascending.length];
        for (double v : ascending) {
            if (m == 0 || v != out[m - 1]) {
                out[m++] = v;
            }
        }
        return java.util.Arrays.copyOf(out, m);
    }

    /**
     * The non-NaN values of {@code values}, sorted ascending (a copy; the input is not changed).
     */
    public static double[] sortedWithoutNaN(double[] values) {
        double[] copy = new double[values.length];
        int m = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                copy[m++] = v;
            }
        }
        double[] out = java.util.Arrays.copyOf(copy, m);
        RadixSort.sort(out);
        return out;
    }
}
