package io.modelwatch.core.binning;

import java.util.Arrays;

/**
 * Least-significant-digit radix sort of doubles on their IEEE-754 bits, O(n) per column instead of the
 * O(n log n) comparisons of {@link Arrays#sort(double[])}, with exactly the same result.
 *
 * <p>Each double maps to a 64-bit key that orders as {@link Double#compare}: the bits with the sign bit
 * flipped for positives and all bits flipped for negatives, so {@code -0.0} sorts before {@code 0.0} as in
 * {@code Arrays.sort}. Keys are sorted by six 11-bit digits (the last one 9 bits); a digit that is the same
 * for every value (the high exponent bits of a column in one range, the low mantissa bits of an integer
 * column) costs one histogram pass and no scatter. Arrays shorter than {@link #MIN_LENGTH} and arrays that
 * hold a NaN (whose bit patterns do not all order as {@code Arrays.sort} does) fall back to
 * {@code Arrays.sort}. Extra memory: two {@code long} arrays of the input's length.
 *
 * <p>LSD radix sort is stable, so {@link #ascendingOrder} returns row indices ordered by value with ties in
 * index order, as a stable merge sort would.
 */
public final class RadixSort {

    /** Below this length the comparison sort is as fast. */
    public static final int MIN_LENGTH = 4096;

    private static final int DIGIT_BITS = 11;
    private static final int DIGITS = 6;
    private static final int RADIX = 1 << DIGIT_BITS;
    private static final int MASK = RADIX - 1;

    private RadixSort() {
    }

    /** Sorts {@code a} ascending in place, in the order of {@link Arrays#sort(double[])}. */
    public static void sort(double[] a) {
        int n = a.length;
        if (n < MIN_LENGTH || hasNaN(a, 0, n)) {
            Arrays.sort(a);
            return;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(a[i]);
        }
        long[] sorted = sortKeys(keys, null, null).keys();
        for (int i = 0; i < n; i++) {
            a[i] = value(sorted[i]);
        }
    }

    /**
     * Indices {@code from..to-1} ordered by ascending {@code values[i]}, ties in index order. With a NaN in the
     * range the order is that of a stable merge sort comparing with {@code <} (NaN compares equal to all).
     */
    public static int[] ascendingOrder(double[] values, int from, int to) {
        int n = to - from;
        if (n < MIN_LENGTH || hasNaN(values, from, to)) {
            return mergeOrder(values, from, to);
        }
        long[] keys = new long[n];
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            double v = values[from + i];
            keys[i] = key(v == 0 ? 0.0 : v); // -0.0 ties with 0.0, as under '<'
            index[i] = from + i;
        }
        return sortKeys(keys, index, new int[n]).index();
    }

    private record Sorted(long[] keys, int[] index) {
    }

    /** Sorts keys (and the indices alongside when given). */
    private static Sorted sortKeys(long[] keys, int[] index, int[] indexSpare) {
        int n = keys.length;
        int[][] counts = new int[DIGITS][RADIX];
        for (long k : keys) {
            for (int d = 0; d < DIGITS; d++) {
                counts[d][(int) (k >>> (d * DIGIT_BITS)) & MASK]++;
            }
        }
        long[] from = keys;
        long[] to = new long[n];
        int[] fromIndex = index;
        int[] toIndex = indexSpare;
        for (int d = 0; d < DIGITS; d++) {
            int[] c = counts[d];
            if (c[(int) (keys[0] >>> (d * DIGIT_BITS)) & MASK] == n) {
                continue; // every key has the same digit here
            }
            int sum = 0;
            for (int b = 0; b < RADIX; b++) {
                int t = c[b];
                c[b] = sum;
                sum += t;
            }
            int shift = d * DIGIT_BITS;
            if (fromIndex == null) {
                for (int i = 0; i < n; i++) {
                    long k = from[i];
                    to[c[(int) (k >>> shift) & MASK]++] = k;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    long k = from[i];
                    int pos = c[(int) (k >>> shift) & MASK]++;
                    to[pos] = k;
                    toIndex[pos] = fromIndex[i];
                }
                int[] ti = fromIndex;
                fromIndex = toIndex;
                toIndex = ti;
            }
            long[] t = from;
            from = to;
            to = t;
        }
        return new Sorted(from, fromIndex);
    }

    private static long key(double v) {
        long bits = Double.doubleToRawLongBits(v);
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }

    private static double value(long key) {
        long bits = key ^ ((~key >> 63) | Long.MIN_VALUE);
        return Double.longBitsToDouble(bits);
    }

    private static boolean hasNaN(double[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != a[i]) {
                return true;
            }
        }
        return false;
    }

    /** Stable bottom-up merge sort of indices by value (the comparison order for inputs with NaN). */
    private static int[] mergeOrder(double[] scores, int from, int to) {
        int n = to - from;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = from + i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    b[k++] = scores[a[j]] < scores[a[i]] ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }
}
