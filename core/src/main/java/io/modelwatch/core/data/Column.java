package io.modelwatch.core.data;

/** One column of a {@link ColumnBatch}: primitive storage, nulls tracked. */
public sealed interface Column permits NumericColumn, CategoricalColumn, StringColumn, TimestampColumn {

    String name();

    int size();

    boolean isNull(int row);

    /** Number of null cells (empty cells and cells that did not parse). */
    int nullCount();
}
