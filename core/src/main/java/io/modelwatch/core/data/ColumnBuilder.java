package io.modelwatch.core.data;

/**
 * Accumulates the cells of one column in a growing primitive array, and hands them out as an immutable
 * {@link Column} chunk by chunk. Cells arrive as UTF-8 byte slices; an empty slice is null.
 *
 * <p>The reader {@linkplain #reserve(int) reserves} the expected row count of a chunk once it has an estimate
 * (from the file size and the bytes per row of the first rows), so a 1M-row column is allocated about once
 * instead of doubling twenty times; when the estimate is exactly right the array is handed over without a copy.
 *
 * <p>One final class per cell type: {@link NumericBuilder}, {@link TimestampBuilder} and {@link
 * CategoricalBuilder} have the same shape (a primitive array, its size, {@code add}, {@code reserve},
 * {@code take}) over {@code double[]}, {@code long[]} and {@code int[]}. They stay apart on purpose: one generic
 * builder would box every cell, and the reader calls each final class directly (see {@link CsvRecords}) so
 * that its {@code append} is inlined in the row loop.
 */
abstract sealed class ColumnBuilder
        permits NumericBuilder, TimestampBuilder, CategoricalBuilder, TextBuilder, SniffingColumnBuilder {

    private static final int INITIAL_CAPACITY = 1024;

    /** Appends a cell; false when its text does not parse as this type (a null is stored instead). */
    abstract boolean append(byte[] b, int off, int len);

    abstract void appendNull();

    /** The rows appended since the last call, as a column; the builder starts again empty. */
    abstract Column take(String name);

    abstract ColumnType type();

    /** Makes room for {@code capacity} rows in the current chunk (a hint; nothing happens when there is room). */
    void reserve(int capacity) {
    }

    /** What a cell of this type looks like, for parse reports. */
    String expected() {
        return switch (type()) {
            case NUMERIC -> "number";
            case TIMESTAMP -> "ISO-8601 timestamp or date";
            case CATEGORICAL, STRING -> "text";
        };
    }

    static ColumnBuilder of(ColumnType type) {
        return switch (type) {
            case NUMERIC -> new NumericBuilder();
            case TIMESTAMP -> new TimestampBuilder();
            case CATEGORICAL -> new CategoricalBuilder();
            case STRING -> new TextBuilder();
        };
    }

    /** The next capacity: 1024, then half as much again (the reserved estimate is usually close). */
    static int grow(int capacity) {
        return capacity < INITIAL_CAPACITY ? INITIAL_CAPACITY
                : (int) Math.min(Integer.MAX_VALUE - 8L, capacity + (capacity >> 1));
    }

    /** Start of the slice without leading blanks (space, tab). */
    static int trimStart(byte[] b, int off, int end) {
        while (off < end && (b[off] == ' ' || b[off] == '\t')) {
            off++;
        }
        return off;
    }

    /** End of the slice without trailing blanks. */
    static int trimEnd(byte[] b, int start, int end) {
        while (end > start && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        return end;
    }
}
