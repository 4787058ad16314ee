package io.modelwatch.core.run;

import io.modelwatch.core.data.ColumnBatch;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The exact mergeable counts of one section over a part of a batch (all of it for the CLI, a partition for Spark,
 * a chunk task for the services): chunks added in file order, written as bytes and read back, merged with the
 * next part's in file order; the merged counts give the section of the rows of both parts, as if every chunk had
 * been added to one. {@link RunAccumulator} is made of a {@link DriftPart} and a {@link PerformancePart}.
 *
 * @param <S> the section computed from the counts
 */
public interface SectionPart<S> {

    /** The columns the counts were planned from (those of the part's first chunk), without rows. */
    ColumnBatch header();

    /** Counts the next chunk of the part (in file order). */
    void add(ColumnBatch chunk);

    /** The section of every row counted; {@code rows} is how many there are. */
    S result(long rows);

    /** The counts, without the header (the reader plans empty counts from it, then {@link #readFrom}). */
    void writeTo(DataOutput out) throws IOException;

    /** Counts written by {@link #writeTo}, into these empty counts planned from the same profile and header. */
    void readFrom(DataInput in) throws IOException;

    /** Adds the counts of the part right after this one's (of the same class), which must not be used afterwards. */
    void merge(SectionPart<S> later);
}
