package io.modelwatch.core.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Accumulates the cells of one column in a growing primitive array, and hands them out as an immutable
 * {@link Column} chunk by chunk. Cells arrive as UTF-8 byte slices; an empty slice is null.
 *
 * <p>The reader {@linkplain #reserve(int) reserves} the expected row count of a chunk once it has an estimate
 * (from the file size and the bytes per row of the first rows), so a 1M-row column is allocated about once
 * instead of doubling twenty times; when the estimate is exactly right the array is handed over without a copy.
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
            case NUMERIC -> new Numeric();
            case TIMESTAMP -> new Timestamp();
            case CATEGORICAL -> new Categorical();
            case STRING -> new Text();
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

    /**
     * The number in a trimmed slice, or NaN with {@code ok[0] = false} when it is not one. The first byte is
     * checked before calling the parser, so text columns do not pay for an exception per cell.
     */
    static double parseNumber(byte[] b, int start, int end, boolean[] ok) {
        double simple = parseSimpleDecimal(b, start, end);
        if (simple == simple) {
            ok[0] = true;
            return simple;
        }
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

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22};

    private static final long TWO_TO_53 = 1L << 53;

    /**
     * The common shape {@code [-]digits[.digits]} (at most 18 digits, a digit on both sides of the point) whose
     * digits form an integer {@code m ≤ 2^53} with at most 22 decimals {@code k}; NaN for anything else, which
     * then goes to fastdoubleparser. Both {@code m} and {@code 10^k} are exact doubles, so the one IEEE division
     * {@code m / 10^k} is the correctly rounded value of the text: the same double as {@code Double.valueOf}
     * (Clinger's fast path, the one fastdoubleparser and the JDK also take first). It only skips the library's
     * general syntax checks for the cells that make up nearly all of a numeric CSV.
     */
    static double parseSimpleDecimal(byte[] b, int start, int end) {
        int p = start;
        boolean negative = b[p] == '-';
        if (negative) {
            p++;
        }
        long m = 0;
        int intStart = p;
        while (p < end) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            m = m * 10 + d;
            p++;
        }
        int intDigits = p - intStart;
        int decimals = 0;
        if (p < end && b[p] == '.') {
            int fracStart = ++p;
            while (p < end) {
                int d = b[p] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                m = m * 10 + d;
                p++;
            }
            decimals = p - fracStart;
            if (decimals == 0) {
                return Double.NaN;
            }
        }
        if (p != end || intDigits == 0 || intDigits + decimals > 18 || m > TWO_TO_53 || decimals > 22) {
            return Double.NaN;
        }
        double v = decimals == 0 ? (double) m : (double) m / POWERS_OF_TEN[decimals];
        return negative ? -v : v;
    }

    /** Numbers via fastdoubleparser; blanks around the number are ignored; NaN stands for null. */
    static final class Numeric extends ColumnBuilder {
        private double[] values;
        private int size;
        private final boolean[] ok = new boolean[1];

        Numeric() {
            this(new double[0], 0);
        }

        /** A builder that writes into {@code into} from index {@code from} (one range of a parallel read). */
        Numeric(double[] into, int from) {
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

    /**
     * ISO-8601 timestamps or dates as epoch milliseconds; blanks around the text are ignored. The same shape as
     * {@link Numeric} on purpose: one builder per primitive array ({@code long[]} here), as a generic one would
     * box every cell.
     */
    static final class Timestamp extends ColumnBuilder {
        private long[] values;
        private int size;
        private final IsoTimestamps.LastDay lastDay = new IsoTimestamps.LastDay();

        Timestamp() {
            this(new long[0], 0);
        }

        /** A builder that writes into {@code into} from index {@code from} (one range of a parallel read). */
        Timestamp(long[] into, int from) {
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

    /**
     * Dictionary-encoded text. The dictionary lives as long as the builder, so codes are the same in
     * every chunk of one read and each chunk's dictionary extends the previous one.
     */
    static final class Categorical extends ColumnBuilder {
        private final ByteDictionary dictionary = new ByteDictionary();
        private int[] codes;
        private int size;

        Categorical() {
            this(new int[0], 0);
        }

        /**
         * A builder that writes into {@code into} from index {@code from} with a dictionary of its own (one range
         * of a parallel read; the reader then maps its codes to the merged dictionary).
         */
        Categorical(int[] into, int from) {
            codes = into;
            size = from;
        }

        ByteDictionary dictionary() {
            return dictionary;
        }

        /** Replaces each code of {@code codes[from, to)} but nulls by {@code map[code]}. */
        static void remap(int[] codes, int from, int to, int[] map) {
            for (int row = from; row < to; row++) {
                int code = codes[row];
                if (code != CategoricalColumn.NULL_CODE) {
                    codes[row] = map[code];
                }
            }
        }

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
        void reserve(int capacity) {
            if (capacity > codes.length) {
                codes = Arrays.copyOf(codes, capacity);
            }
        }

        @Override
        void appendNull() {
            add(CategoricalColumn.NULL_CODE);
        }

        @Override
        Column take(String name) {
            Column c = new CategoricalColumn(name, dictionary.values(),
                    size == codes.length ? codes : Arrays.copyOf(codes, size));
            codes = size == codes.length ? new int[0] : codes;
            size = 0;
            return c;
        }

        @Override
        ColumnType type() {
            return ColumnType.CATEGORICAL;
        }
    }

    /**
     * Text such as ids, as the UTF-8 bytes of every cell in one array with row offsets (see {@link StringColumn}).
     * A cell with a byte outside ASCII is stored as the encoding of its decoded {@code String}, so malformed
     * UTF-8 reads as the replacement character, as {@code new String(bytes, UTF_8)} would.
     */
    static final class Text extends ColumnBuilder {
        private byte[] bytes = new byte[0];
        private int byteSize;
        private int[] offsets = new int[1];
        private BitSet nulls = new BitSet();
        private int size;
        private double bytesPerCell;

        @Override
        boolean append(byte[] b, int off, int len) {
            if (len == 0) {
                appendNull();
                return true;
            }
            if (!isAscii(b, off, len)) {
                byte[] canonical = new String(b, off, len, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
                b = canonical;
                off = 0;
                len = canonical.length;
            }
            if (byteSize + len > bytes.length) {
                long needed = (long) byteSize + len;
                if (needed > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("a text column holds more than 2 GiB of UTF-8 bytes");
                }
                long grown = Math.min(Integer.MAX_VALUE - 8L, bytes.length + (long) (bytes.length >> 1) + 1024);
                bytes = Arrays.copyOf(bytes, (int) Math.max(needed, grown));
            }
            System.arraycopy(b, off, bytes, byteSize, len);
            byteSize += len;
            endRow();
            return true;
        }

        private static boolean isAscii(byte[] b, int off, int len) {
            for (int i = off, end = off + len; i < end; i++) {
                if (b[i] < 0) {
                    return false;
                }
            }
            return true;
        }

        private void endRow() {
            if (size + 1 == offsets.length) {
                offsets = Arrays.copyOf(offsets, grow(offsets.length) + 1);
            }
            offsets[++size] = byteSize;
        }

        /** Reserves the offsets, and the bytes at the bytes per cell so far (or of the last chunk) plus 10 %. */
        @Override
        void reserve(int capacity) {
            if (capacity + 1 > offsets.length) {
                offsets = Arrays.copyOf(offsets, capacity + 1);
            }
            double perCell = size > 0 ? (double) byteSize / size : bytesPerCell;
            long expected = (long) Math.ceil(perCell * capacity * 1.1);
            if (expected > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(expected, Integer.MAX_VALUE - 8L));
            }
        }

        @Override
        void appendNull() {
            nulls.set(size);
            endRow();
        }

        @Override
        Column take(String name) {
            Column c = new StringColumn(name, byteSize == bytes.length ? bytes : Arrays.copyOf(bytes, byteSize),
                    size + 1 == offsets.length ? offsets : Arrays.copyOf(offsets, size + 1), nulls);
            bytesPerCell = size > 0 ? (double) byteSize / size : bytesPerCell;
            bytes = new byte[0];
            byteSize = 0;
            offsets = new int[1];
            nulls = new BitSet();
            size = 0;
            return c;
        }

        @Override
        ColumnType type() {
            return ColumnType.STRING;
        }
    }
}
