package io.modelwatch.core.drift;

import java.util.Arrays;

/**
 * A numeric sample as its distinct finite values in ascending order, each with the number of times it occurs
 * (run-length encoding of the sorted sample). Every ECDF- and rank-based statistic depends on the sample only
 * through this form, so it is exact, not an approximation: {@link #expand()} gives back the sorted sample bit
 * for bit. It is also what a reference profile stores (a column of 1M rows with a few thousand distinct values
 * takes kilobytes instead of 8 MB), and what a streamed batch accumulates chunk by chunk ({@link #merge}).
 * Immutable; the arrays are owned and must not be changed.
 */
public final class SortedRuns {

    private static final SortedRuns EMPTY = new SortedRuns(new double[0], new int[0], 0);

    private final double[] values;
    private final int[] counts;
    private final int total;

    private SortedRuns(double[] values, int[] counts, int total) {
        this.values = values;
        this.counts = counts;
        this.total = total;
    }

    /**
     * Wraps distinct values in strictly ascending order and their positive counts (taken, not copied).
     *
     * @throws IllegalArgumentException if the values are not finite and strictly ascending, a count is not
     *                                  positive, the lengths differ or the total exceeds {@link Integer#MAX_VALUE}
     */
    public static SortedRuns of(double[] values, int[] counts) {
        if (values.length != counts.length) {
            throw new IllegalArgumentException("values and counts differ in length: " + values.length + " vs "
                    + counts.length);
        }
        long total = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i]) || (i > 0 && !(values[i] > values[i - 1]))) {
                throw new IllegalArgumentException("values must be finite and strictly ascending, got " + values[i]
                        + " at index " + i);
            }
            if (counts[i] <= 0) {
                throw new IllegalArgumentException("counts must be positive, got " + counts[i] + " at index " + i);
            }
            total += counts[i];
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a sample of more than " + Integer.MAX_VALUE + " values: " + total);
        }
        return new SortedRuns(values, counts, (int) total);
    }

    /** The runs of a sorted finite sample, O(n); zero of either sign is one run with the value {@code 0.0}. */
    public static SortedRuns ofSorted(double[] sorted) {
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        double[] values = new double[distinct];
        int[] counts = new int[distinct];
        int k = -1;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                values[++k] = sorted[i] == 0 ? 0.0 : sorted[i]; // -0.0 and 0.0 are one run, kept as 0.0
            }
            counts[k]++;
        }
        return new SortedRuns(values, counts, sorted.length);
    }

    public static SortedRuns empty() {
        return EMPTY;
    }

    /**
     * The runs of distinct values in strictly ascending order with positive counts summing to {@code total}, taken
     * as they are, without {@link #of}'s checks: for callers that made them so (a chunk's ranked values).
     */
    static SortedRuns ofAscending(double[] values, int[] counts, int total) {
        return new SortedRuns(values, counts, total);
    }

    /**
     * The runs of {@code values[r]} counted {@code perRank[r]} times, for the {@code positive} ranks r from
     * {@code from} on whose count is not zero ({@code values} distinct, finite and strictly ascending, not changed
     * later: shared when every one of them has a count); clears those counts, for the caller to reuse the array.
     */
    static SortedRuns ofRankCounts(double[] values, int[] perRank, int from, int positive) {
        boolean every = positive == values.length;
        double[] runValues = every ? values : new double[positive];
        int[] runCounts = new int[positive];
        int total = 0;
        for (int r = from, k = 0; k < positive; r++) {
            int c = perRank[r];
            if (c != 0) {
                perRank[r] = 0;
                runValues[k] = values[r];
                runCounts[k++] = c;
                total += c;
            }
        }
        return new SortedRuns(runValues, runCounts, total);
    }

    /**
     * The two samples pooled (a merge of the runs, O(distinct)), written once into arrays of both lengths together
     * and trimmed when values are shared; merged runs of valid runs are valid, so they are not checked again.
     */
    public SortedRuns merge(SortedRuns other) {
        double[] a = values;
        double[] b = other.values;
        if (b.length == 0) {
            return this;
        }
        if (a.length == 0) {
            return other;
        }
        if ((long) total + other.total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a sample of more than " + Integer.MAX_VALUE + " values: "
                    + ((long) total + other.total));
        }
        double[] v = new double[a.length + b.length];
        int[] c = new int[v.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length && j < b.length) {
            double x = a[i];
            double y = b[j];
            if (x < y) {
                v[k] = x;
                c[k++] = counts[i++];
            } else if (x > y) {
                v[k] = y;
                c[k++] = other.counts[j++];
            } else {
                v[k] = x;
                c[k++] = counts[i++] + other.counts[j++];
            }
        }
        System.arraycopy(a, i, v, k, a.length - i);
        System.arraycopy(counts, i, c, k, a.length - i);
        k += a.length - i;
        System.arraycopy(b, j, v, k, b.length - j);
        System.arraycopy(other.counts, j, c, k, b.length - j);
        k += b.length - j;
        return k == v.length ? new SortedRuns(v, c, total + other.total)
                : new SortedRuns(Arrays.copyOf(v, k), Arrays.copyOf(c, k), total + other.total);
    }

    /** Writes the runs: their number, then each value (8 bytes) with its count (4 bytes). */
    public void writeTo(java.io.DataOutput out) throws java.io.IOException {
        out.writeInt(values.length);
        for (int i = 0; i < values.length; i++) {
            out.writeDouble(values[i]);
            out.writeInt(counts[i]);
        }
    }

    /** Runs written by {@link #writeTo}, checked as {@link #of} checks them. */
    public static SortedRuns readFrom(java.io.DataInput in) throws java.io.IOException {
        int n = in.readInt();
        double[] values = new double[n];
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readDouble();
            counts[i] = in.readInt();
        }
        return of(values, counts);
    }

    /** The sorted sample with every value repeated by its count. */
    public double[] expand() {
        double[] out = new double[total];
        int at = 0;
        for (int i = 0; i < values.length; i++) {
            Arrays.fill(out, at, at + counts[i], values[i]);
            at += counts[i];
        }
        return out;
    }

    /** Distinct values, ascending (do not mutate). */
    public double[] values() {
        return values;
    }

    /** Occurrences of each distinct value (do not mutate). */
    public int[] counts() {
        return counts;
    }

    /** Number of distinct values. */
    public int distinct() {
        return values.length;
    }

    /** Number of observations (the sum of the counts). */
    public int total() {
        return total;
    }

    /** Mean with one correction pass (the same scheme as a row-by-row mean, summed per distinct value). */
    public double mean() {
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += counts[i] * values[i];
        }
        double m = sum / total;
        double residual = 0;
        for (int i = 0; i < values.length; i++) {
            residual += counts[i] * (values[i] - m);
        }
        return m + residual / total;
    }

    /** Sum of squared deviations from the given mean. */
    public double sumSquaredDeviations(double mean) {
        double ss = 0;
        for (int i = 0; i < values.length; i++) {
            double d = values[i] - mean;
            ss += counts[i] * (d * d);
        }
        return ss;
    }
}
