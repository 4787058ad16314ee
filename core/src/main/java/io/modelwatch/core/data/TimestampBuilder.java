package io.modelwatch.core.data;

import java.util.Arrays;

/**
 * Builds a timestamp column: ISO-8601 timestamps or dates as epoch milliseconds; blanks around the text are
 * ignored.
 *
 * <p>The same shape as {@link NumericBuilder} and {@link CategoricalBuilder} over a {@code long[]}, on purpose:
 * a shared generic builder would box every cell (see {@link ColumnBuilder}).
 */
final class TimestampBuilder extends ColumnBuilder {
    private long[] values;
    private int size;
    private final IsoTimestamps.LastDay lastDay = new IsoTimestamps.LastDay();

    TimestampBuilder() {
        this(new long[0], 0);
    }

    /** A builder that writes into {@code into} from index {@code from} (one range of a parallel read). */
    TimestampBuilder(long[] into, int from) {
        values = into;
        size = from;
    }

    @Override
    boolean append(byte[] b, int off, int len) {
        int end = off + len;
        int start = trimStart(b, off, end);
        end = trimEnd(b, start, end);
        if (start == end) {
            appendNull();
            return true;
        }
        long v = IsoTimestamps.parse(b, start, end - start, lastDay);
        add(v);
        return v != IsoTimestamps.INVALID;
    }

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, grow(size));
        }
        values[size++] = v;
    }

    @Override
    void reserve(int capacity) {
        if (capacity > values.length) {
            values = Arrays.copyOf(values, capacity);
        }
    }

    @Override
    void appendNull() {
        add(TimestampColumn.NULL_VALUE);
    }

    @Override
    Column take(String name) {
        Column c = new TimestampColumn(name, size == values.length ? values : Arrays.copyOf(values, size));
        values = size == values.length ? new long[0] : values;
        size = 0;
        return c;
    }

    @Override
    ColumnType type() {
        return ColumnType.TIMESTAMP;
    }
}
