package io.modelwatch.core.drift;

import io.modelwatch.core.binning.RadixSort;

import java.util.Arrays;

/**
 * Exact counts of the values of a numeric column, chunk by chunk, giving its {@link SortedRuns} at the end:
 * the mergeable summary behind every numeric drift test of a streamed batch. NaN counts as null; the infinities
 * are counted apart (the drift tests drop them, PSI bins them, as for a batch in memory). Zero is counted as
 * {@code +0.0} whatever its sign (numeric equality, as in {@link SortedRuns#ofSorted}).
 *
 * <p>Memory: an open-addressing table of 64-bit keys and int counts kept at most half full, so 24 to 48 bytes
 * per distinct value: it grows with the number of distinct values, never with the row count (a 2-decimal money
 * column of 10M rows has at most its range × 100 distinct values). Not thread-safe; one per column and thread.
 */
public final class RunsAccumulator {

    private static final int INITIAL_SLOTS = 64;

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

    /** The runs of one array of values (NaN and infinities left out). */
    public static SortedRuns runsOf(double[] values) {
        RunsAccumulator a = new RunsAccumulator();
        a.add(values);
        return a.runs();
    }

    /** Counts every value of a chunk. */
    public void add(double[] values) {
        for (double v : values) {
            if (v != v) {
                nulls++;
            } else if (v == Double.POSITIVE_INFINITY) {
                positiveInfinities++;
            } else if (v == Double.NEGATIVE_INFINITY) {
                negativeInfinities++;
            } else {
                increment(Double.doubleToRawLongBits(v == 0 ? 0.0 : v), 1);
            }
        }
    }

    /** Adds the counts of another accumulator (over other rows). */
    public void merge(RunsAccumulator other) {
        for (int i = 0; i < other.keys.length; i++) {
            if (other.counts[i] > 0) {
                increment(other.keys[i], other.counts[i]);
            }
        }
        nulls += other.nulls;
        negativeInfinities += other.negativeInfinities;
        positiveInfinities += other.positiveInfinities;
    }

    private void increment(long bits, int by) {
        int mask = keys.length - 1;
        int slot = mix(bits) & mask;
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
        if (distinct * 2 > keys.length) {
            grow();
        }
    }

    private static int mix(long bits) {
        long x = bits * 0x9E3779B97F4A7C15L;
        return (int) (x ^ (x >>> 32));
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new long[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldCounts[i] != 0) {
                int slot = mix(oldKeys[i]) & mask;
                while (counts[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
            }
        }
    }

    /** The finite values counted so far as runs (the accumulator stays usable). */
    public SortedRuns runs() {
        if (finite > Integer.MAX_VALUE) {
            throw new IllegalStateException("a sample of more than " + Integer.MAX_VALUE + " values: " + finite);
        }
        double[] values = new double[distinct];
        int k = 0;
        for (int i = 0; i < keys.length; i++) {
            if (counts[i] != 0) {
                values[k++] = Double.longBitsToDouble(keys[i]);
            }
        }
        if (values.length >= RadixSort.MIN_LENGTH) {
            RadixSort.sort(values);
        } else {
            Arrays.sort(values);
        }
        int[] runCounts = new int[distinct];
        int mask = keys.length - 1;
        for (int j = 0; j < values.length; j++) {
            long bits = Double.doubleToRawLongBits(values[j]);
            int slot = mix(bits) & mask;
            while (keys[slot] != bits || counts[slot] == 0) {
                slot = (slot + 1) & mask;
            }
            runCounts[j] = counts[slot];
        }
        return SortedRuns.of(values, runCounts);
    }

    /** Distinct finite values so far. */
    public int distinct() {
        return distinct;
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
