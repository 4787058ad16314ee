package io.modelwatch.core.quality;

import java.util.List;

/**
 * The duplicate-id check's numbers when the ids are counted apart from the other checks (a distributed run groups
 * the ids of all partitions by value): the rows whose id occurred in an earlier row, and the first of them in file
 * order.
 *
 * @param count rows whose id occurred in an earlier row (for an id in n rows, n - 1)
 * @param first the first such rows in file order, at most {@link QualityReport#MAX_EXAMPLES} (more are ignored)
 */
public record IdRepeats(long count, List<Repeat> first) {

    public IdRepeats {
        if (count < 0) {
            throw new IllegalArgumentException("repeat count must be >= 0, got " + count);
        }
        first = List.copyOf(first);
    }

    /** One row whose id occurred earlier: its 1-based file row and the id as the check writes it. */
    public record Repeat(long row, String id) {
    }
}
