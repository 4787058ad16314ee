package io.modelwatch.spark;

import java.io.Serializable;

/**
 * What a partition hands back: either its counts ({@code io.modelwatch.core.run.RunAccumulator#toBytes}, with its row
 * count, or the flag that it met a quoted field and the file must be read whole), or the ids of one chunk with their
 * rows counted from the partition's start (for the duplicate-id check, counted apart by Spark).
 */
record PartRecord(int partition, byte[] counts, long rows, boolean quoted, String[] ids, long[] idRows)
        implements Serializable {

    static PartRecord counts(int partition, byte[] counts, long rows) {
        return new PartRecord(partition, counts, rows, false, null, null);
    }

    static PartRecord quotedField(int partition) {
        return new PartRecord(partition, null, 0, true, null, null);
    }

    static PartRecord ids(int partition, String[] ids, long[] rows) {
        return new PartRecord(partition, null, 0, false, ids, rows);
    }

    boolean isIds() {
        return ids != null;
    }
}
