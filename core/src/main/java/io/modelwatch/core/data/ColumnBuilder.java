package io.modelwatch.core.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Accumulates the cells of one column in a growing primitive array (doubling), and hands them out as an
 * immutable {@link Column} chunk by chunk. Cells arrive as UTF-8 byte slices; an empty slice is null.
 */
abstract sealed class ColumnBuilder
        permits ColumnBuilder.Numeric, ColumnBuilder.Timestamp, ColumnBuilder.Categorical, ColumnBuilder.Text,
        SniffingColumnBuilder {

    private static final int INITIAL_CAPACITY = 1024;

    /** Appends a cell; false when its text does not parse as this type (a null is stored instead). */
    abstract boolean append(byte[] b, int off, int len);

    abstract void appendNull();

    /** The rows appended since the last call, as a column; the builder starts again empty. */
    abstract Column take(String name);

    abstract ColumnType type();

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
            case NUMERIC -> new Numeric();
            case TIMESTAMP -> new Timestamp();
            case CATEGORICAL -> new Categorical();
            case STRING -> new Text();
        };
    }

    static int grow(int capacity) {
        return capacity < INITIAL_CAPACITY ? INITIAL_CAPACITY : (int) Math.min(Integer.MAX_VALUE - 8L, capacity * 2L);
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

    /**
     * The number in a trimmed slice, or NaN with {@code ok[0] = false} when it is not one. The first byte is
     * checked before calling the parser, so text columns do not pay for an exception per cell.
     */
    static double parseNumber(byte[] b, int start, int end, boolean[] ok) {
        byte c = b[start];
        boolean plausible = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'N' || c == 'I';
        if (plausible) {
            try {
                ok[0] = true;
                return JavaDoubleParser.parseDouble(b, start, end - start);
            } catch (NumberFormatException notANumber) {
                // fall through
            }
        }
        ok[0] = false;
        return Double.NaN;
    }

    /** Numbers via fastdoubleparser; blanks around the number are ignored; NaN stands for null. */
    static final class Numeric extends ColumnBuilder {
        private double[] values = new double[0];
        private int size;
        private final boolean[] ok = new boolean[1];

        @Override
        boolean append(byte[] b, int off, int len) {
            int end = off + len;
            int start = trimStart(b, off, end);
            end = trimEnd(b, start, end);
            if (start == end) {
                appendNull();
                return true;
            }
            double v = parseNumber(b, start, end, ok);
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
        void appendNull() {
            add(Double.NaN);
        }

        @Override
        Column take(String name) {
            Column c = new NumericColumn(name, Arrays.copyOf(values, size));
            size = 0;
            return c;
        }

        @Override
        ColumnType type() {
            return ColumnType.NUMERIC;
        }
    }

    /** ISO-8601 timestamps or dates as epoch milliseconds; blanks around the text are ignored. */
    static final class Timestamp extends ColumnBuilder {
        private long[] values = new long[0];
        private int size;

        @Override
        boolean append(byte[] b, int off, int len) {
            int end = off + len;
            int start = trimStart(b, off, end);
            end = trimEnd(b, start, end);
            if (start == end) {
                appendNull();
                return true;
            }
            long v = IsoTimestamps.parse(b, start, end - start);
            add(v);
            return v != IsoTimestamps.INVALID;
        }

        private void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, grow(size));
            }
            values[size++] = v;
        }

        @Override
        void appendNull() {
            add(TimestampColumn.NULL_VALUE);
        }

        @Override
        Column take(String name) {
            Column c = new TimestampColumn(name, Arrays.copyOf(values, size));
            size = 0;
            return c;
        }

        @Override
        ColumnType type() {
            return ColumnType.TIMESTAMP;
        }
    }

    /**
     * Dictionary-encoded text. The dictionary lives as long as the builder, so codes are the same in
     * every chunk of one read and each chunk's dictionary extends the previous one.
     */
    static final class Categorical extends ColumnBuilder {
        private final ByteDictionary dictionary = new ByteDictionary();
        private int[] codes = new int[0];
        private int size;

        @Override
        boolean append(byte[] b, int off, int len) {
            add(len == 0 ? CategoricalColumn.NULL_CODE : dictionary.codeOf(b, off, len));
            return true;
        }

        private void add(int code) {
            if (size == codes.length) {
                codes = Arrays.copyOf(codes, grow(size));
            }
            codes[size++] = code;
        }

        @Override
        void appendNull() {
            add(CategoricalColumn.NULL_CODE);
        }

        @Override
        Column take(String name) {
            Column c = new CategoricalColumn(name, dictionary.values(), Arrays.copyOf(codes, size));
            size = 0;
            return c;
        }

        @Override
        ColumnType type() {
            return ColumnType.CATEGORICAL;
        }
    }

    /** One {@code String} per cell, for ids. */
    static final class Text extends ColumnBuilder {
        private String[] values = new String[0];
        private int size;

        @Override
        boolean append(byte[] b, int off, int len) {
            add(len == 0 ? null : new String(b, off, len, StandardCharsets.UTF_8));
            return true;
        }

        private void add(String v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, grow(size));
            }
            values[size++] = v;
        }

        @Override
        void appendNull() {
            add(null);
        }

        @Override
        Column take(String name) {
            Column c = new StringColumn(name, Arrays.copyOf(values, size));
            Arrays.fill(values, 0, size, null);
            size = 0;
            return c;
        }

        @Override
        ColumnType type() {
            return ColumnType.STRING;
        }
    }
}
