package io.modelwatch.core.drift;

import io.modelwatch.core.binning.KeyHash;
import io.modelwatch.core.binning.RadixSort;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * Exact counts of the values of a numeric column, chunk by chunk, giving its {@link SortedRuns} at the end:
 * the mergeable summary behind every numeric drift test of a streamed batch. NaN counts as null; the infinities
 * are counted apart (the drift tests drop them, PSI bins them, as for a batch in memory). Zero is counted as
 * {@code +0.0} whatever its sign (numeric equality, as in {@link SortedRuns#ofSorted}).
 *
 * <p>Two regimes, both exact. While a column has at most {@value #HASHED_DISTINCT_MAX} distinct values
 * (integers, categories coded as numbers, scores and amounts with few decimals) each value increments a counter
 * in an open-addressing table that stays in the CPU cache. Past that, random probes into a large table would
 * miss the cache on every row, so the table is turned into runs and each later chunk is sorted (radix sort)
 * into its own runs and merged in, in a stack of runs of decreasing size (a pair is merged when the newer is
 * at least half the size of the older), so every value is merged O(log chunks) times.
 *
 * <p>Memory: 24 to 48 bytes per distinct value in the table, 12 per distinct value in runs (plus the chunk
 * being sorted): it grows with the number of distinct values, never with the row count (a 2-decimal money
 * column of 10M rows has at most its range × 100 distinct values). Not thread-safe; one per column and thread.
 */
public final class RunsAccumulator {

    private static final int INITIAL_SLOTS = 64;
    /** Distinct values counted in the hash table; beyond, chunks are sorted and merged as runs. */
    public static final int HASHED_DISTINCT_MAX = 1 << 14;

    /** Runs from oldest (largest) to newest, once past the hashed regime; null before. */
    private ArrayList<SortedRuns> stack;

    private long[] keys = new long[INITIAL_SLOTS];
    private int[] counts = new int[INITIAL_SLOTS];
    private int distinct;
    private long finite;
    private long nulls;
    private long negativeInfinities;
    private long positiveInfinities;

    private RunsAccumulator() {
    }

    public static RunsAccumulator create() {
        return new RunsAccumulator();
    }

    /** Counts every value of a chunk. */
    public void add(double[] values) {
        count(values, null, values.length);
    }

    /** Counts the values at {@code rows} of a chunk (the rows of one segment): the counts of those values alone. */
    public void add(double[] values, int[] rows) {
        count(values, rows, rows.length);
    }

    /** Counts values[rows[i]] (values[i] without rows), i below n: in the table, sorted once it overflows. */
    private void count(double[] values, int[] rows, int n) {
        int i = stack == null ? countHashed(values, rows, n) : 0;
        if (i < n) {
            addSorted(values, rows, i, n);
        }
    }

    /** Counts in the table to the end, or until it overflows (returns the next index); new values via increment. */
    private int countHashed(double[] values, int[] rows, int n) {
        long[] keys = this.keys;
        int[] counts = this.counts;
        int mask = keys.length - 1;
        long added = 0;
        for (int i = 0; i < n; i++) {
            double v = rows == null ? values[i] : values[rows[i]];
            if (!isFinite(v)) {
                continue;
            }
            long bits = Double.doubleToRawLongBits(v == 0 ? 0.0 : v);
            int slot = KeyHash.of(bits) & mask;
            int c;
            while ((c = counts[slot]) != 0 && keys[slot] != bits) {
                slot = (slot + 1) & mask;
            }
            if (c != 0 && c != Integer.MAX_VALUE) {
                counts[slot] = c + 1;
                added++;
                continue;
            }
            finite += added;
            added = 0;
            increment(bits, 1);
            if (stack != null) {
                return i + 1; // the table just overflowed: the rest of the chunk goes the sorted way
            }
            keys = this.keys;
            counts = this.counts;
            mask = keys.length - 1;
        }
        finite += added;
        return n;
    }

    /** True for a finite value; a NaN (null) or an infinity is counted apart and false returned. */
    private boolean isFinite(double v) {
        if (v != v) {
            nulls++;
        } else if (v == Double.POSITIVE_INFINITY) {
            positiveInfinities++;
        } else if (v == Double.NEGATIVE_INFINITY) {
            negativeInfinities++;
        } else {
            return true;
        }
        return false;
    }

    /** Sorts the finite values at indexes from..n-1 (of rows, when not null) into runs and merges them into the stack. */
    private void addSorted(double[] values, int[] rows, int from, int n) {
        double[] sorted = new double[n - from];
        int k = 0;
        for (int i = from; i < n; i++) {
            double v = rows == null ? values[i] : values[rows[i]];
            if (isFinite(v)) {
                sorted[k++] = v == 0 ? 0.0 : v;
            }
        }
        if (k < sorted.length) {
            sorted = Arrays.copyOf(sorted, k);
        }
        RadixSort.sort(sorted);
        push(SortedRuns.ofSorted(sorted));
        finite += k;
    }

    private void push(SortedRuns runs) {
        if (runs.distinct() == 0) {
            return;
        }
        stack.add(runs);
        while (stack.size() >= 2 && stack.get(stack.size() - 1).distinct() * 2 >= stack.get(stack.size() - 2).distinct()) {
            SortedRuns newer = stack.remove(stack.size() - 1);
            SortedRuns older = stack.remove(stack.size() - 1);
            stack.add(older.merge(newer));
        }
    }

    /** Leaves the hashed regime: the table becomes the first runs of the stack. */
    private void spill() {
        SortedRuns table = hashedRuns();
        keys = null;
        counts = null;
        stack = new ArrayList<>();
        push(table);
    }

    /** Adds the counts of another accumulator (over other rows). */
    public void merge(RunsAccumulator other) {
        addRuns(other.runs(), other.nulls, other.negativeInfinities, other.positiveInfinities);
    }

    /** Adds counted values (as runs), nulls and infinities: the same counts as adding the values they count. */
    public void addRuns(SortedRuns runs, long nullCount, long negativeInfinityCount, long positiveInfinityCount) {
        int i = 0;
        while (stack == null && i < runs.distinct()) {
            increment(Double.doubleToRawLongBits(runs.values()[i]), runs.counts()[i++]);
        }
        if (i < runs.distinct()) { // past the hashed regime (or it overflowed just now): the rest as runs
            SortedRuns rest = i == 0 ? runs : SortedRuns.of(Arrays.copyOfRange(runs.values(), i, runs.distinct()),
                    Arrays.copyOfRange(runs.counts(), i, runs.distinct()));
            push(rest);
            finite += rest.total();
        }
        nulls += nullCount;
        negativeInfinities += negativeInfinityCount;
        positiveInfinities += positiveInfinityCount;
    }

    /**
     * Adds {@code perRank[r]} occurrences of {@code values[r]} for every r with a positive count ({@code used} of
     * them; {@code values} distinct, finite, strictly ascending, -0.0 as 0.0, and not changed later), and
     * the nulls and infinities: the same counts as {@link #addRuns} of those runs, without making them while the
     * table counts. Clears every count of {@code perRank} it reads (all of it is zero afterwards), for its owner
     * to reuse.
     */
    void addRankCounts(double[] values, int[] perRank, int used, long nullCount,
                       long negativeInfinityCount, long positiveInfinityCount) {
        int r = 0;
        int left = used;
        while (stack == null && left > 0) {
            int c = perRank[r];
            if (c != 0) {
                perRank[r] = 0;
                left--;
                increment(Double.doubleToRawLongBits(values[r]), c);
            }
            r++;
        }
        if (left > 0) { // past the hashed regime (or it overflowed just now): the rest as runs
            SortedRuns rest = SortedRuns.ofRankCounts(values, perRank, r, left);
            push(rest);
            finite += rest.total();
        }
        nulls += nullCount;
        negativeInfinities += negativeInfinityCount;
        positiveInfinities += positiveInfinityCount;
    }

    private void increment(long bits, int by) {
        int mask = keys.length - 1;
        int slot = KeyHash.of(bits) & mask;
        while (counts[slot] != 0 && keys[slot] != bits) {
            slot = (slot + 1) & mask;
        }
        if (counts[slot] == 0) {
            keys[slot] = bits;
            distinct++;
        }
        if ((long) counts[slot] + by > Integer.MAX_VALUE) {
            throw new IllegalStateException("more than " + Integer.MAX_VALUE + " occurrences of one value");
        }
        counts[slot] += by;
        finite += by;
        if (distinct > HASHED_DISTINCT_MAX) {
            spill();
        } else if (distinct * 2 > keys.length) {
            grow();
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new long[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldCounts[i] != 0) {
                int slot = KeyHash.of(oldKeys[i]) & mask;
                while (counts[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
            }
        }
    }

    /** Writes the counts: the nulls, the infinities and the finite values as sorted runs ({@link SortedRuns#writeTo}). */
    public void writeTo(java.io.DataOutput out) throws java.io.IOException {
        out.writeLong(nulls);
        out.writeLong(negativeInfinities);
        out.writeLong(positiveInfinities);
        runs().writeTo(out);
    }

    /** Counts written by {@link #writeTo}; they merge like counts taken from the rows. */
    public static RunsAccumulator readFrom(java.io.DataInput in) throws java.io.IOException {
        long nulls = in.readLong();
        long negative = in.readLong();
        long positive = in.readLong();
        RunsAccumulator a = create();
        a.addRuns(SortedRuns.readFrom(in), nulls, negative, positive);
        return a;
    }

    /** The finite values counted so far as runs (the accumulator stays usable). */
    public SortedRuns runs() {
        if (finite > Integer.MAX_VALUE) {
            throw new IllegalStateException("a sample of more than " + Integer.MAX_VALUE + " values: " + finite);
        }
        if (stack == null) {
            return hashedRuns();
        }
        SortedRuns all = SortedRuns.empty();
        for (int i = stack.size() - 1; i >= 0; i--) {
            all = stack.get(i).merge(all);
        }
        return all;
    }

    private SortedRuns hashedRuns() {
        double[] values = new double[distinct];
        int k = 0;
        for (int i = 0; i < keys.length; i++) {
            if (counts[i] != 0) {
                values[k++] = Double.longBitsToDouble(keys[i]);
            }
        }
        RadixSort.sort(values);
        int[] runCounts = new int[distinct];
        int mask = keys.length - 1;
        for (int j = 0; j < values.length; j++) {
            long bits = Double.doubleToRawLongBits(values[j]);
            int slot = KeyHash.of(bits) & mask;
            while (keys[slot] != bits || counts[slot] == 0) {
                slot = (slot + 1) & mask;
            }
            runCounts[j] = counts[slot];
        }
        // distinct table keys sorted, each count positive: valid runs without SortedRuns.of's check of every value
        long total = 0;
        for (int c : runCounts) {
            total += c;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalStateException("a sample of more than " + Integer.MAX_VALUE + " values: " + total);
        }
        return SortedRuns.ofAscending(values, runCounts, (int) total);
    }

    /** NaN cells (nulls). */
    public long nulls() {
        return nulls;
    }

    public long negativeInfinities() {
        return negativeInfinities;
    }

    public long positiveInfinities() {
        return positiveInfinities;
    }

    /** Every value counted, nulls and infinities included. */
    public long rows() {
        return finite + nulls + negativeInfinities + positiveInfinities;
    }
}
