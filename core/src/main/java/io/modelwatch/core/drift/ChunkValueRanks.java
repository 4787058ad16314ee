package io.modelwatch.core.drift;

import io.modelwatch.core.binning.KeyHash;
import io.modelwatch.core.binning.RadixSort;

import java.util.Arrays;

/**
 * The values of one chunk of a numeric column, each row coded by the rank of its value among the chunk's distinct
 * finite values (zero of either sign as {@code +0.0}, as {@link RunsAccumulator} counts it), or as null or an
 * infinity. Made once per chunk, it lets the counts of many subsets of the rows (the segments of several dimensions)
 * be taken with one array increment per row instead of one hash probe per row and subset: {@link #countInto} hands
 * a subset's counts to its {@link RunsAccumulator} as runs, the same counts as {@link RunsAccumulator#add(double[],
 * int[])} of those rows.
 *
 * <p>Made once per chunk and column, the ranks serve the whole batch's counts too ({@link #countAll}: one array
 * increment per row, the runs handed on without a hash probe or a sort), so a column is hashed or sorted once per
 * chunk however many dimensions segment it. With few distinct values against its rows (at most
 * {@code rows / }{@value #ROWS_PER_DISTINCT}) the ranks come from a hash table of the distinct values, else from
 * one radix sort of the chunk's finite values ({@link #ofAny}).
 */
public final class ChunkValueRanks {

    /** Rows per distinct value at least for the ranks to be made. */
    static final int ROWS_PER_DISTINCT = 8;
    private static final int NULL = -1;
    private static final int NEGATIVE_INFINITY = -2;
    private static final int POSITIVE_INFINITY = -3;
    private static final long NEGATIVE_ZERO_BITS = Double.doubleToRawLongBits(-0.0);

    private final double[] sortedDistinct;
    /** Per row the rank of its value in {@link #sortedDistinct}, or one of the negative codes. */
    private final int[] rankOfRow;
    /** Whether a value was -0.0 (ranked as {@code 0.0}). */
    private final boolean negativeZero;
    /** Whether the ranks came from a sort (many distinct values), not from a hash table. */
    private final boolean sorted;

    private ChunkValueRanks(double[] sortedDistinct, int[] rankOfRow, boolean negativeZero, boolean sorted) {
        this.sortedDistinct = sortedDistinct;
        this.rankOfRow = rankOfRow;
        this.negativeZero = negativeZero;
        this.sorted = sorted;
    }

    /** The ranks of a chunk's values, from a hash table or, past {@code values.length / 8} distinct values, a sort. */
    public static ChunkValueRanks ofAny(double[] values) {
        ChunkValueRanks hashed = of(values);
        return hashed != null ? hashed : bySorting(values);
    }

    /**
     * As {@link #ofAny(double[])}, going straight to the sort when {@code manyDistinct} (the column's previous chunk
     * was ranked by sorting, {@link #sorted()}): a column with many distinct values in one chunk has them in the next,
     * and the hash table would only fill up to its limit to be dropped. The ranks are the same either way.
     */
    public static ChunkValueRanks ofAny(double[] values, boolean manyDistinct) {
        return manyDistinct ? bySorting(values) : ofAny(values);
    }

    /** Whether the ranks came from a sort (many distinct values), not from a hash table. */
    public boolean sorted() {
        return sorted;
    }

    /** The ranks of a chunk's values from one sort of its finite values (zero of either sign as {@code +0.0}). */
    static ChunkValueRanks bySorting(double[] values) {
        int[] rankOfRow = new int[values.length];
        double[] finite = new double[values.length];
        int[] rowOfFinite = new int[values.length];
        int k = 0;
        boolean negativeZero = false;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v != v) {
                rankOfRow[i] = NULL;
            } else if (v == Double.POSITIVE_INFINITY) {
                rankOfRow[i] = POSITIVE_INFINITY;
            } else if (v == Double.NEGATIVE_INFINITY) {
                rankOfRow[i] = NEGATIVE_INFINITY;
            } else {
                if (v == 0 && Double.doubleToRawLongBits(v) == NEGATIVE_ZERO_BITS) {
                    negativeZero = true;
                    v = 0.0;
                }
                finite[k] = v;
                rowOfFinite[k++] = i;
            }
        }
        int[] order = RadixSort.ascendingOrder(finite, 0, k);
        double[] sortedDistinct = new double[k];
        int distinct = 0;
        for (int j = 0; j < k; j++) {
            double v = finite[order[j]];
            if (distinct == 0 || v != sortedDistinct[distinct - 1]) {
                sortedDistinct[distinct++] = v;
            }
            rankOfRow[rowOfFinite[order[j]]] = distinct - 1;
        }
        return new ChunkValueRanks(Arrays.copyOf(sortedDistinct, distinct), rankOfRow, negativeZero, true);
    }

    /** The ranks of a chunk's values, or null when it has more than {@code values.length / 8} distinct values. */
    public static ChunkValueRanks of(double[] values) {
        int limit = values.length / ROWS_PER_DISTINCT;
        long[] keys = new long[64];
        int[] codes = new int[64]; // code + 1 per slot, 0 = empty
        double[] distinct = new double[16];
        int n = 0;
        int[] codeOfRow = new int[values.length];
        boolean negativeZero = false;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v != v) {
                codeOfRow[i] = NULL;
                continue;
            } else if (v == Double.POSITIVE_INFINITY || v == Double.NEGATIVE_INFINITY) {
                codeOfRow[i] = v > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY;
                continue;
            }
            long bits = Double.doubleToRawLongBits(v);
            if (bits == NEGATIVE_ZERO_BITS) {
                negativeZero = true;
                bits = 0L; // as +0.0
            }
            int mask = keys.length - 1;
            int slot = KeyHash.of(bits) & mask;
            while (codes[slot] != 0 && keys[slot] != bits) {
                slot = (slot + 1) & mask;
            }
            if (codes[slot] == 0) {
                if (n == limit) {
                    return null;
                }
                if (n == distinct.length) {
                    distinct = Arrays.copyOf(distinct, n * 2);
                }
                distinct[n] = Double.longBitsToDouble(bits);
                keys[slot] = bits;
                codes[slot] = ++n;
                if (n * 2 > keys.length) {
                    long[] oldKeys = keys;
                    int[] oldCodes = codes;
                    keys = new long[oldKeys.length * 2];
                    codes = new int[oldKeys.length * 2];
                    for (int s = 0; s < oldKeys.length; s++) {
                        if (oldCodes[s] != 0) {
                            int t = KeyHash.of(oldKeys[s]) & (keys.length - 1);
                            while (codes[t] != 0) {
                                t = (t + 1) & (keys.length - 1);
                            }
                            keys[t] = oldKeys[s];
                            codes[t] = oldCodes[s];
                        }
                    }
                }
                codeOfRow[i] = n - 1;
            } else {
                codeOfRow[i] = codes[slot] - 1;
            }
        }
        double[] sorted = Arrays.copyOf(distinct, n);
        Arrays.sort(sorted);
        int[] rankOfCode = new int[n];
        for (int c = 0; c < n; c++) {
            rankOfCode[c] = Arrays.binarySearch(sorted, distinct[c]);
        }
        for (int i = 0; i < codeOfRow.length; i++) {
            if (codeOfRow[i] >= 0) {
                codeOfRow[i] = rankOfCode[codeOfRow[i]];
            }
        }
        return new ChunkValueRanks(sorted, codeOfRow, negativeZero, false);
    }

    /**
     * Whether a value of the chunk was -0.0. The ranks count it as {@code 0.0}, as {@link SortedRuns} does; only a
     * sorted copy of the values themselves ({@link NumericSample#sorted()}) would keep it apart, before {@code 0.0}.
     */
    public boolean hasNegativeZero() {
        return negativeZero;
    }

    /** The runs of the finite values of some rows of the chunk, and the number of those rows that are null (NaN). */
    public record Subset(SortedRuns runs, int nulls) {
    }

    /**
     * The values at {@code rows} (every row when null): the runs of the finite ones, the same runs as
     * {@link SortedRuns#ofSorted} of those values sorted, without a sort; and the nulls.
     */
    public Subset subset(int[] rows) {
        int[] perRank = perRank();
        long[] others = new long[3];
        int used = countRanks(rows, rows == null ? rankOfRow.length : rows.length, perRank, others);
        return new Subset(SortedRuns.ofRankCounts(sortedDistinct, perRank, 0, used), (int) others[0]);
    }

    /** Rows of the chunk. */
    public int rows() {
        return rankOfRow.length;
    }

    /** Adds every value of the chunk to {@code counts}: the same counts as {@link RunsAccumulator#add(double[])}. */
    public void countAll(RunsAccumulator counts) {
        countInto(counts, null, rankOfRow.length);
    }

    /** Adds the values at {@code rows} of the chunk to {@code counts}: the same counts as adding those values. */
    public void countInto(RunsAccumulator counts, int[] rows) {
        countInto(counts, rows, rows.length);
    }

    /**
     * Per thread, the count of each rank while a subset is counted: all zero between calls (each count is read and
     * cleared as it is handed over), so a chunk's segments reuse one array instead of allocating one per segment,
     * column and chunk. The whole batch and the segments count on different threads, hence one per thread.
     */
    private static final ThreadLocal<int[]> PER_RANK = ThreadLocal.withInitial(() -> new int[0]);

    /** Adds the values at rows[i] (row i without rows), i below n. */
    private void countInto(RunsAccumulator counts, int[] rows, int n) {
        int[] perRank = perRank();
        long[] others = new long[3];
        int used = countRanks(rows, n, perRank, others);
        // the ranks' values ascend strictly: the counts need no check; addRankCounts clears perRank
        counts.addRankCounts(sortedDistinct, perRank, used, others[0], others[1], others[2]);
    }

    /** This thread's {@link #PER_RANK} counts, at least one per rank of the chunk, all zero. */
    private int[] perRank() {
        int[] perRank = PER_RANK.get();
        if (perRank.length < sortedDistinct.length) {
            perRank = new int[Math.max(sortedDistinct.length, perRank.length * 2)];
            PER_RANK.set(perRank);
        }
        return perRank;
    }

    /**
     * Counts the ranks of rows[i] (row i without rows), i below n, into {@code perRank} and the nulls, negative and
     * positive infinities into {@code others} [0], [1], [2]; returns the number of ranks whose count left zero.
     */
    private int countRanks(int[] rows, int n, int[] perRank, long[] others) {
        long nulls = 0;
        long negative = 0;
        long positive = 0;
        int used = 0;
        for (int i = 0; i < n; i++) {
            int r = rankOfRow[rows == null ? i : rows[i]];
            if (r >= 0) {
                if (perRank[r]++ == 0) {
                    used++;
                }
            } else if (r == NULL) {
                nulls++;
            } else if (r == NEGATIVE_INFINITY) {
                negative++;
            } else {
                positive++;
            }
        }
        others[0] = nulls;
        others[1] = negative;
        others[2] = positive;
        return used;
    }
}
