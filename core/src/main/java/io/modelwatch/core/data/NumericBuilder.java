package io.modelwatch.core.data;

import java.util.Arrays;

/**
 * Builds a numeric column: numbers parsed by {@link NumberCells}, blanks around the number ignored, NaN for null.
 *
 * <p>The same shape as {@link TimestampBuilder} and {@link CategoricalBuilder} over a {@code double[]}, on
 * purpose: a shared generic builder would box every cell (see {@link ColumnBuilder}).
 */
final class NumericBuilder extends ColumnBuilder {
    private double[] values;
    private int size;
    private final boolean[] ok = new boolean[1];

    NumericBuilder() {
        this(new double[0], 0);
    }

    /** A builder that writes into {@code into} from index {@code from} (one range of a parallel read). */
    NumericBuilder(double[] into, int from) {
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
        double v = NumberCells.parseNumber(b, start, end, ok);
        add(v);
        return ok[0];
    }

    void add(double v) {
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
        add(Double.NaN);
    }

    @Override
    Column take(String name) {
        Column c = new NumericColumn(name, size == values.length ? values : Arrays.copyOf(values, size));
        values = size == values.length ? new double[0] : values;
        size = 0;
        return c;
    }

    @Override
    ColumnType type() {
        return ColumnType.NUMERIC;
    }
}
