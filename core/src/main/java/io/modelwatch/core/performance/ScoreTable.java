package io.modelwatch.core.performance;

import io.modelwatch.core.binning.KeyHash;
import io.modelwatch.core.binning.RadixSort;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The distinct scores of {@link OutcomeCounts} with four counters each (labelled rows of class 0 and 1, scored
 * rows predicted 0 and 1): an open-addressing table from the score's bits ({@code -0.0} counted as {@code 0.0}),
 * linear probing, at most half full, doubling when it would be more. A slot is the key and its four counters side
 * by side in one {@code long[]} (one cache line or two per row, not five arrays); {@code at} below is a slot's
 * index in it.
 */
final class ScoreTable {

    /** Marks a free slot; a NaN score is never a key (such rows are not scored). */
    private static final long FREE = Double.doubleToRawLongBits(Double.NaN);
    static final int STRIDE = 5;
    static final int LABELLED_NEGATIVE = 1;
    static final int LABELLED_POSITIVE = 2;
    static final int PREDICTED_ZERO = 3;
    static final int PREDICTED_ONE = 4;
    private static final int INITIAL_SLOTS = 1 << 10;

    long[] table = emptyTable(INITIAL_SLOTS);
    private int distinct;

    /** Counts a scored row: its predicted class {@code c}, and its label {@code y} unless it is -1. */
    void add(double s, int y, int c) {
        int at = slot(s); // after the slot: the table may have grown
        table[at + PREDICTED_ZERO + c]++;
        if (y >= 0) {
            table[at + LABELLED_NEGATIVE + y]++;
        }
    }

    /** Adds the counters of {@code later}'s scores. */
    void merge(ScoreTable later) {
        for (int from = 0; from < later.table.length; from += STRIDE) {
            if (later.table[from] != FREE) {
                int at = slot(Double.longBitsToDouble(later.table[from]));
                for (int j = 1; j < STRIDE; j++) {
                    table[at + j] += later.table[from + j];
                }
            }
        }
    }

    /** The same scores with their predictions and no labelled rows; a new table. */
    ScoreTable withoutLabels() {
        ScoreTable out = new ScoreTable();
        out.table = table.clone();
        out.distinct = distinct;
        for (int at = 0; at < table.length; at += STRIDE) {
            out.table[at + LABELLED_NEGATIVE] = 0;
            out.table[at + LABELLED_POSITIVE] = 0;
        }
        return out;
    }

    /** The score of slot {@code at}. */
    double score(int at) {
        return Double.longBitsToDouble(table[at]);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(distinct);
        for (int at = 0; at < table.length; at += STRIDE) {
            if (table[at] != FREE) {
                for (int j = 0; j < STRIDE; j++) {
                    out.writeLong(table[at + j]);
                }
            }
        }
    }

    void readFrom(DataInput in) throws IOException {
        int n = in.readInt();
        for (int k = 0; k < n; k++) {
            int at = slot(Double.longBitsToDouble(in.readLong()));
            for (int j = 1; j < STRIDE; j++) {
                table[at + j] = in.readLong();
            }
        }
    }

    /** The index of each occupied slot, ordered by ascending score. */
    int[] sortedSlots() {
        int[] slots = new int[distinct];
        double[] values = new double[distinct];
        int n = 0;
        for (int at = 0; at < table.length; at += STRIDE) {
            if (table[at] != FREE) {
                slots[n] = at;
                values[n++] = Double.longBitsToDouble(table[at]);
            }
        }
        int[] order = RadixSort.ascendingOrder(values, 0, n);
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = slots[order[k]];
        }
        return out;
    }

    /**
     * The index of the slot of score {@code s} (not NaN), inserted if new; the table doubles when half full.
     * Linear probing.
     */
    private int slot(double s) {
        long key = Double.doubleToRawLongBits(s + 0.0); // -0.0 + 0.0 is 0.0: one key for both zeros
        int slots = table.length / STRIDE;
        int k = KeyHash.of(key) & (slots - 1);
        while (true) {
            int at = STRIDE * k;
            long found = table[at];
            if (found == key) {
                return at;
            }
            if (found == FREE) {
                if (2 * (distinct + 1) > slots) {
                    grow();
                    return slot(s);
                }
                table[at] = key;
                distinct++;
                return at;
            }
            k = (k + 1) & (slots - 1);
        }
    }

    private void grow() {
        long[] old = table;
        table = emptyTable(2 * (old.length / STRIDE));
        int mask = table.length / STRIDE - 1;
        for (int from = 0; from < old.length; from += STRIDE) {
            if (old[from] != FREE) {
                int k = KeyHash.of(old[from]) & mask;
                while (table[STRIDE * k] != FREE) {
                    k = (k + 1) & mask;
                }
                System.arraycopy(old, from, table, STRIDE * k, STRIDE);
            }
        }
    }

    private static long[] emptyTable(int slots) {
        long[] out = new long[STRIDE * slots];
        for (int at = 0; at < out.length; at += STRIDE) {
            out[at] = FREE;
        }
        return out;
    }
}
