package io.modelwatch.core.quality;

import io.modelwatch.core.data.ColumnBatch;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One check of a {@link QualityAccumulator}: what it keeps of the chunks, and what it reports at the end. A
 * check is called once per chunk, never per row: each keeps its own loop over its column.
 */
interface QualityCheck {

    /** Adds a chunk whose first row is file row {@code offset + 1}. */
    default void add(ColumnBatch chunk, long offset) {
    }

    /** Adds the same check over later rows. */
    default void merge(QualityCheck later) {
    }

    /** Writes what the check kept (nothing for a check that keeps nothing). */
    default void writeTo(DataOutput out) throws IOException {
    }

    /** Reads what {@link #writeTo} wrote, moving every row number by {@code shift}. */
    default void readFrom(DataInput in, long shift) throws IOException {
    }

    /** Adds the check's null share or findings, if any, to the report being assembled. */
    void report(ReportDraft out);
}
