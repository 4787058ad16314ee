package io.modelwatch.core.rootcause;

import java.util.List;

/**
 * Supplies ids of example rows for a segment, typically its false negatives (churners the model missed);
 * asked only for the segment the hypothesis names.
 */
@FunctionalInterface
public interface ExampleRows {

    /** No examples. */
    ExampleRows NONE = (dimension, segment) -> List.of();

    /** Ids of example rows in {@code dimension=segment}; the analysis keeps the first few. */
    List<String> idsFor(String dimension, String segment);
}
