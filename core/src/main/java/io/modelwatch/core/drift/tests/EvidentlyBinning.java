package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.drift.SortedRuns;
import io.modelwatch.core.drift.Sample;

import java.util.List;

/**
 * The binning that Evidently's {@code psi}, {@code kl_div} and {@code jensenshannon} share
 * ({@code legacy/calculations/stattests/utils.get_binned_data}), reproduced to the last bit where it
 * matters (bin counts), and numpy's Sturges edges that {@code hellinger} also uses.
 *
 * <h2>Which path</h2>
 * <ol>
 *   <li><b>Numeric path</b>, only when both samples are numeric <em>and the reference</em> has more
 *       than {@value #PER_VALUE_MAX_REFERENCE_DISTINCT} distinct values (pandas
 *       {@code reference.nunique() > 20}; the union does not count):
 *       {@code edges = np.histogram_bin_edges(concat(ref, cur), bins="sturges")}, see
 *       {@link #sturgesEdges(double, double, long)}. Evidently's {@code n_bins=30} argument is ignored
 *       (it always uses Sturges). Counting is {@code np.histogram(sample, edges)}: bins
 *       {@code [e_i, e_{i+1})}, the last one closed {@code [e_{k-1}, e_k]}.</li>
 *   <li><b>Per-value path</b> otherwise (categorical, or numeric with at most 20 distinct reference
 *       values): one bin per distinct value of reference ∪ current.</li>
 * </ol>
 * Shares are {@code count / sample size}; a value missing from one sample has share 0.
 *
 * <h2>Empty-bin fill</h2>
 * {@link #fillEmptyBins(double[])} ({@code feel_zeroes=True}), applied to each sample separately: with
 * {@code m} the smallest non-zero share, every zero share becomes {@code m / 1e6} if
 * {@code m <= 1e-4}, otherwise {@code 1e-4}. The shares are <em>not</em> renormalised (they may sum to
 * slightly more than 1). psi and kl_div fill; jensenshannon does not.
 *
 * <h2>Cost</h2>
 * Both numeric paths read the samples' cached sorted arrays ({@link NumericSample#sorted()}, sorted once,
 * O(n log n)): distinct counting and per-value counting are one linear walk, histogram counts are
 * {@code k+1} binary searches (O(k log n)). Only primitive arrays are used.
 *
 * <p>Reference values: {@code golden/stattests.json} ({@code details.edges}, raw and filled shares),
 * produced by {@code make_golden.py} with numpy 1.24.2 / scipy 1.10.1 following
 * {@code golden/STATTESTS.md}.
 */
public final class EvidentlyBinning {

    /** The numeric path needs the reference to have MORE distinct values than this. */
    public static final int PER_VALUE_MAX_REFERENCE_DISTINCT = 20;
    /** Share given to empty bins when the smallest non-zero share is above it. */
    public static final double EMPTY_BIN_SHARE = 1e-4;
    /** When the smallest non-zero share {@code m <= EMPTY_BIN_SHARE}, empty bins get {@code m / this}. */
    public static final double TINY_SHARE_DIVISOR = 1e6;

    private EvidentlyBinning() {
    }

    /** How the bins were formed. */
    public enum Method {
        /** Equal-width Sturges bins over the pooled numeric sample. */
        STURGES_NUMERIC,
        /** One bin per distinct value of reference ∪ current. */
        PER_VALUE
    }

    /**
     * Raw (unfilled) shares of both samples over common bins. The arrays are owned by this value and must
     * not be mutated ({@link #fillEmptyBins} returns a copy).
     *
     * @param method           how the bins were formed
     * @param edges            the {@code k+1} bin edges for {@link Method#STURGES_NUMERIC}, else {@code null}
     * @param keys             the bin values for {@link Method#PER_VALUE} (labels; numbers as
     *                         {@link io.modelwatch.core.drift.CategoricalSample#numberLabel}), else empty
     * @param referenceShares  reference share per bin
     * @param currentShares    current share per bin
     */
    public record Shares(Method method, double[] edges, List<String> keys, double[] referenceShares,
                         double[] currentShares) {

        /** Number of bins. */
        public int bins() {
            return referenceShares.length;
        }
    }

    /**
     * Evidently's {@code get_binned_data(reference, current, feature_type, n, feel_zeroes=False)}: raw shares.
     * The numeric path is taken when both samples are {@link ColumnKind#NUMERIC} and the reference has more
     * than {@value #PER_VALUE_MAX_REFERENCE_DISTINCT} distinct values.
     *
     * @throws io.modelwatch.core.drift.DriftTestException when a sample is empty
     */
    public static Shares shares(Sample reference, Sample current) {
        DriftInputs.requireNonEmpty(reference, current);
        if (reference instanceof NumericSample r && current instanceof NumericSample c
                && r.runs().distinct() > PER_VALUE_MAX_REFERENCE_DISTINCT) {
            return sturgesShares(r.runs(), c.runs());
        }
        CategoryCounts counts = CategoryCounts.of(reference, current);
        return new Shares(Method.PER_VALUE, null, counts.keys(),
                divide(counts.reference(), counts.referenceSize()),
                divide(counts.current(), counts.currentSize()));
    }

    private static Shares sturgesShares(SortedRuns ref, SortedRuns cur) {
        double min = Math.min(ref.values()[0], cur.values()[0]);
        double max = Math.max(ref.values()[ref.distinct() - 1], cur.values()[cur.distinct() - 1]);
        double[] edges = sturgesEdges(min, max, (long) ref.total() + cur.total());
        return new Shares(Method.STURGES_NUMERIC, edges, List.of(),
                divide(histogram(ref, edges), ref.total()),
                divide(histogram(cur, edges), cur.total()));
    }

    /**
     * The share that replaces an empty bin of this sample: {@code m / 1e6} if {@code m <= 1e-4}, else
     * {@code 1e-4}, where {@code m} is the smallest non-zero share.
     *
     * @throws IllegalArgumentException when every share is zero
     */
    public static double emptyBinShare(double[] shares) {
        double m = Double.POSITIVE_INFINITY;
        for (double s : shares) {
            if (s != 0 && s < m) {
                m = s;
            }
        }
        if (m == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("all " + shares.length + " shares are zero");
        }
        return m <= EMPTY_BIN_SHARE ? m / TINY_SHARE_DIVISOR : EMPTY_BIN_SHARE;
    }

    /** A copy of the shares with every zero replaced by {@link #emptyBinShare(double[])}; no renormalisation. */
    public static double[] fillEmptyBins(double[] shares) {
        double eps = emptyBinShare(shares);
        double[] filled = shares.clone();
        for (int i = 0; i < filled.length; i++) {
            if (filled[i] == 0) {
                filled[i] = eps;
            }
        }
        return filled;
    }

    /**
     * numpy's {@code np.histogram_bin_edges(a, bins="sturges")} for data with this minimum, maximum and
     * count, with numpy's floating-point steps so that the bin count and edges agree bit for bit:
     * <pre>
     * width  = (max - min) / (log2(count) + 1)
     * k      = ceil((max - min) / width)          (1 when width is 0)
     * edge_i = i * ((max - min) / k) + min,       edge_k = max exactly
     * </pre>
     * A constant sample ({@code min == max}) gets one bin {@code [min - 0.5, max + 0.5]}.
     *
     * @throws IllegalArgumentException for a non-finite bound, {@code min > max} or {@code count < 1}
     */
    public static double[] sturgesEdges(double min, double max, long count) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max || count < 1) {
            throw new IllegalArgumentException("need finite min <= max and count >= 1, got min=" + min
                    + ", max=" + max + ", count=" + count);
        }
        double first = min;
        double last = max;
        if (first == last) {
            first -= 0.5;
            last += 0.5;
        }
        double width = (max - min) / (log2(count) + 1.0);
        int bins = width != 0 ? (int) Math.ceil((last - first) / width) : 1;
        double[] edges = new double[bins + 1];
        double step = (last - first) / bins;
        for (int i = 0; i < bins; i++) {
            edges[i] = i * step + first;
        }
        edges[bins] = last;
        return edges;
    }

    /**
     * {@code log2} of a count as numpy computes it: exact for powers of two (where {@code ceil} in
     * {@link #sturgesEdges} is sensitive to the last bit); elsewhere {@code ln(n)/ln 2}, whose last-bit
     * error cannot move {@code ceil} because {@code log2(n)} of a non-power of two is far from an integer
     * compared with one ulp.
     */
    static double log2(long n) {
        if (Long.bitCount(n) == 1) {
            return Long.numberOfTrailingZeros(n);
        }
        return Math.log(n) / Math.log(2.0);
    }

    /**
     * {@code np.histogram(a, bins=edges)[0]} for an ascending array: bin {@code i} counts
     * {@code e_i <= x < e_{i+1}}, the last bin {@code e_{k-1} <= x <= e_k}; values outside are not
     * counted. Cost O(k log n).
     */
    public static long[] histogram(double[] sorted, double[] edges) {
        int k = edges.length - 1;
        long[] counts = new long[k];
        long previous = lowerBound(sorted, edges[0]);
        for (int i = 1; i <= k; i++) {
            long cumulative = i < k ? lowerBound(sorted, edges[i]) : upperBound(sorted, edges[k]);
            counts[i - 1] = cumulative - previous;
            previous = cumulative;
        }
        return counts;
    }

    /** {@link #histogram(double[], double[])} of a sample given as runs: one walk over the distinct values. */
    public static long[] histogram(SortedRuns runs, double[] edges) {
        int k = edges.length - 1;
        long[] counts = new long[k];
        double[] v = runs.values();
        int[] c = runs.counts();
        int bin = 0;
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            if (x < edges[0] || x > edges[k]) {
                continue;
            }
            // numpy: bins are [e_j, e_j+1) except the last, which is closed
            while (bin < k - 1 && x >= edges[bin + 1]) {
                bin++;
            }
            counts[bin] += c[i];
        }
        return counts;
    }

    /** Number of distinct values in the union of two ascending arrays, by one merge walk. */
    public static long distinctUnionCount(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        long distinct = 0;
        while (i < a.length || j < b.length) {
            double v = j >= b.length || (i < a.length && a[i] < b[j]) ? a[i] : b[j];
            while (i < a.length && a[i] == v) {
                i++;
            }
            while (j < b.length && b[j] == v) {
                j++;
            }
            distinct++;
        }
        return distinct;
    }

    /** First index with {@code a[i] >= v} (numpy {@code searchsorted(side='left')}). */
    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index with {@code a[i] > v} (numpy {@code searchsorted(side='right')}). */
    private static int upperBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static double[] divide(long[] counts, long total) {
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            shares[i] = (double) counts[i] / total;
        }
        return shares;
    }
}
