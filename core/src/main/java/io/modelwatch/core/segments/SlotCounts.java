package io.modelwatch.core.segments;

import io.modelwatch.core.stability.PsiBins;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The integer counts of each segment slot (see {@link SegmentSlots}), in parallel arrays grown together: rows,
 * predicted positives, the four confusion cells over labelled rows, null and finite scores, and the scores'
 * counts in the slot's prediction-PSI bins. {@link SegmentCounts#add} fills the arrays directly in its row loop;
 * this class grows, merges, writes and reads them slot by slot.
 */
final class SlotCounts {

    long[] count = new long[0];
    long[] predictedPositive = new long[0];
    /** Four confusion cells per slot over labelled rows: tn, fp, fn, tp. */
    long[] cells = new long[0];
    long[] scoreNulls = new long[0];
    long[] finiteScores = new long[0];
    /** The slot's prediction-PSI bins; null when it has none. */
    PsiBins[] binsOfSlot = new PsiBins[0];
    long[][] scoreBins = new long[0][];
    private int size;

    int size() {
        return size;
    }

    /** Adds a slot with no counts, scored in {@code bins} (null: no prediction PSI). */
    void open(PsiBins bins) {
        int s = size++;
        if (s == count.length) {
            int capacity = Math.max(8, 2 * s);
            count = Arrays.copyOf(count, capacity);
            predictedPositive = Arrays.copyOf(predictedPositive, capacity);
            cells = Arrays.copyOf(cells, 4 * capacity);
            scoreNulls = Arrays.copyOf(scoreNulls, capacity);
            finiteScores = Arrays.copyOf(finiteScores, capacity);
            binsOfSlot = Arrays.copyOf(binsOfSlot, capacity);
            scoreBins = Arrays.copyOf(scoreBins, capacity);
        }
        binsOfSlot[s] = bins;
        scoreBins[s] = bins == null ? null : new long[bins.binCount()];
    }

    /** Adds the counts of slot {@code t} of {@code other} to slot {@code s} (same bins). */
    void merge(int s, SlotCounts other, int t) {
        count[s] += other.count[t];
        predictedPositive[s] += other.predictedPositive[t];
        for (int c = 0; c < 4; c++) {
            cells[4 * s + c] += other.cells[4 * t + c];
        }
        scoreNulls[s] += other.scoreNulls[t];
        finiteScores[s] += other.finiteScores[t];
        if (scoreBins[s] != null) {
            for (int b = 0; b < scoreBins[s].length; b++) {
                scoreBins[s][b] += other.scoreBins[t][b];
            }
        }
    }

    void writeTo(DataOutput out, int t) throws IOException {
        out.writeLong(count[t]);
        out.writeLong(predictedPositive[t]);
        for (int c = 0; c < 4; c++) {
            out.writeLong(cells[4 * t + c]);
        }
        out.writeLong(scoreNulls[t]);
        out.writeLong(finiteScores[t]);
        out.writeInt(scoreBins[t] == null ? -1 : scoreBins[t].length);
        if (scoreBins[t] != null) {
            for (long b : scoreBins[t]) {
                out.writeLong(b);
            }
        }
    }

    /**
     * Reads into slot {@code s} what {@link #writeTo} wrote.
     *
     * @param dimension and {@code label} name the slot in the error when its bins differ from those written
     */
    void readFrom(DataInput in, int s, String dimension, String label) throws IOException {
        count[s] = in.readLong();
        predictedPositive[s] = in.readLong();
        for (int k = 0; k < 4; k++) {
            cells[4 * s + k] = in.readLong();
        }
        scoreNulls[s] = in.readLong();
        finiteScores[s] = in.readLong();
        int bins = in.readInt();
        if (bins != (scoreBins[s] == null ? -1 : scoreBins[s].length)) {
            throw new IllegalArgumentException("segment counts of '" + dimension + "': other prediction bins for '"
                    + label + "'");
        }
        for (int b = 0; b < bins; b++) {
            scoreBins[s][b] = in.readLong();
        }
    }
}
