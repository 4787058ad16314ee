package io.modelwatch.core.data;

/** How the cells of one input column are stored in a {@link ColumnBatch}. */
public enum ColumnType {
    /** Numbers, as a {@link NumericColumn} ({@code double}, NaN for null). */
    NUMERIC,
    /** Values from a small set, dictionary-encoded as a {@link CategoricalColumn}. */
    CATEGORICAL,
    /** Free text such as ids, as a {@link StringColumn}. */
    STRING,
    /** ISO-8601 timestamps or dates, as a {@link TimestampColumn} of epoch milliseconds. */
    TIMESTAMP
}
