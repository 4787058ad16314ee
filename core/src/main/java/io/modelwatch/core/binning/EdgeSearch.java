package io.modelwatch.core.binning;

/**
 * Binary search on ascending edges with numpy's {@code searchsorted} semantics, O(log m) per value. Up to
 * {@value #LINEAR_MAX} edges (bin edges, bands, reliability bins: the per-row searches of a run) the edges below
 * the value are counted one by one instead, without a branch per edge: on ascending edges that count is the same
 * number (the edges below {@code v} are exactly the first ones), and about three times faster than the search's
 * unpredictable branches on such short arrays. A NaN value compares false with every edge either way (0).
 */
public final class EdgeSearch {

    /** The longest edge array counted linearly. */
    static final int LINEAR_MAX = 24;

    private EdgeSearch() {
    }

    /**
     * {@code searchsorted(edges, v, side='left')}: the number of edges strictly below {@code v}.
     * With interior edges {@code c_1 < ... < c_m} this is the index of the right-closed bin
     * {@code (c_i, c_{i+1}]} holding {@code v}, where bin 0 is {@code (-inf, c_1]} and bin m is
     * {@code (c_m, +inf)}.
     */
    public static int countBelow(double[] edges, double v) {
        if (edges.length <= LINEAR_MAX) {
            int below = 0;
            for (double e : edges) {
                below += e < v ? 1 : 0;
            }
            return below;
        }
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * {@code searchsorted(edges, v, side='right')}: the number of edges at or below {@code v}.
     * With edges {@code e_0 < ... < e_k} this minus one is the index of the left-closed band
     * {@code [e_i, e_{i+1})} holding {@code v}.
     */
    public static int countAtOrBelow(double[] edges, double v) {
        if (edges.length <= LINEAR_MAX) {
            int atOrBelow = 0;
            for (double e : edges) {
                atOrBelow += e <= v ? 1 : 0;
            }
            return atOrBelow;
        }
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
