package io.modelwatch.core.data;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * Free-text values such as customer ids; {@code null} marks a null cell.
 *
 * <p>The values are held as one array of UTF-8 bytes and one array of row offsets (row {@code i} is
 * {@code bytes[offsets[i], offsets[i + 1])}), so a million ids cost two arrays instead of a million
 * {@code String} objects. {@link #get(int)} makes the {@code String} of one row; {@link #hash(int)} and
 * {@link #sameValue(int, StringColumn, int)} compare rows by their bytes without making any. The bytes are
 * always the UTF-8 encoding of the row's {@code String}, so equal bytes mean equal strings and the other way
 * round (a {@code String} with an unpaired surrogate, which no UTF-8 input decodes to, is stored with
 * {@code '?'} in its place, as by {@link String#getBytes}).
 */
public final class StringColumn implements Column {

    private final String name;
    private final byte[] bytes;
    private final int[] offsets;
    private final BitSet nulls;

    /** A column of these values ({@code null} for a null cell); the strings are encoded, not kept. */
    public StringColumn(String name, String[] values) {
        this.name = Objects.requireNonNull(name, "name");
        this.offsets = new int[values.length + 1];
        this.nulls = new BitSet();
        byte[][] encoded = new byte[values.length][];
        long total = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                nulls.set(i);
            } else {
                encoded[i] = values[i].getBytes(StandardCharsets.UTF_8);
                total += encoded[i].length;
            }
        }
        this.bytes = new byte[checkedLength(name, total)];
        int at = 0;
        for (int i = 0; i < values.length; i++) {
            if (encoded[i] != null) {
                System.arraycopy(encoded[i], 0, bytes, at, encoded[i].length);
                at += encoded[i].length;
            }
            offsets[i + 1] = at;
        }
    }

    /**
     * A column over these arrays, taken over without a copy.
     *
     * @param offsets {@code size + 1} ascending offsets into {@code bytes}, the first 0
     * @param nulls   the null rows (their byte range is empty)
     */
    StringColumn(String name, byte[] bytes, int[] offsets, BitSet nulls) {
        this.name = name;
        this.bytes = bytes;
        this.offsets = offsets;
        this.nulls = nulls;
    }

    /** The parts one after the other, as one column. */
    static StringColumn concat(String name, List<StringColumn> parts) {
        long byteCount = 0;
        int rows = 0;
        for (StringColumn part : parts) {
            byteCount += part.byteCount();
            rows += part.size();
        }
        byte[] bytes = new byte[checkedLength(name, byteCount)];
        int[] offsets = new int[rows + 1];
        BitSet nulls = new BitSet();
        int row = 0;
        int at = 0;
        for (StringColumn part : parts) {
            System.arraycopy(part.bytes, 0, bytes, at, part.byteCount());
            int n = part.size();
            for (int i = 0; i < n; i++) {
                offsets[row + i + 1] = at + part.offsets[i + 1];
            }
            for (int i = part.nulls.nextSetBit(0); i >= 0; i = part.nulls.nextSetBit(i + 1)) {
                nulls.set(row + i);
            }
            row += n;
            at += part.byteCount();
        }
        return new StringColumn(name, bytes, offsets, nulls);
    }

    static int checkedLength(String column, long bytes) {
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("text column '" + column + "' holds " + bytes
                    + " bytes, more than one array can (2 GiB)");
        }
        return (int) bytes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return offsets.length - 1;
    }

    @Override
    public boolean isNull(int row) {
        Objects.checkIndex(row, size());
        return nulls.get(row);
    }

    @Override
    public int nullCount() {
        return nulls.cardinality();
    }

    /** The value of a row, or {@code null}: a new {@code String} each call. */
    public String get(int row) {
        if (isNull(row)) {
            return null;
        }
        int start = offsets[row];
        return new String(bytes, start, offsets[row + 1] - start, StandardCharsets.UTF_8);
    }

    /**
     * Every value as a {@code String} ({@code null} for a null cell). This makes one object per row: callers
     * that need a few rows, equality or hashing use {@link #get}, {@link #sameValue} and {@link #hash} instead.
     */
    public String[] values() {
        String[] values = new String[size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = get(i);
        }
        return values;
    }

    /** A hash of a non-null row's bytes; equal values hash equal, in this column and any other. */
    public int hash(int row) {
        int start = offsets[row];
        return ByteDictionary.hash(bytes, start, offsets[row + 1] - start);
    }

    /** Whether a row of this column and a row of {@code other} hold equal values (two nulls are equal). */
    public boolean sameValue(int row, StringColumn other, int otherRow) {
        boolean isNull = isNull(row);
        if (isNull || other.isNull(otherRow)) {
            return isNull && other.isNull(otherRow);
        }
        int start = offsets[row];
        int len = offsets[row + 1] - start;
        int otherStart = other.offsets[otherRow];
        return len == other.offsets[otherRow + 1] - otherStart
                && ByteDictionary.sameBytes(bytes, start, other.bytes, otherStart, len);
    }

    /** Length in bytes of a non-null row's UTF-8 value. */
    public int byteLength(int row) {
        return offsets[row + 1] - offsets[row];
    }

    /** Copies a non-null row's UTF-8 bytes to {@code target} at {@code at} (room for {@link #byteLength} bytes). */
    public void copyBytes(int row, byte[] target, int at) {
        System.arraycopy(bytes, offsets[row], target, at, offsets[row + 1] - offsets[row]);
    }

    /** Size of the UTF-8 bytes of all values. */
    int byteCount() {
        return offsets[offsets.length - 1];
    }

    /**
     * Builds a column of a known row count row by row: a value as its {@code String} ({@link #add}), or, when every
     * byte of it is ASCII, straight from bytes ({@link #addAscii}), which makes no {@code String}: ASCII bytes are the
     * UTF-8 encoding of the {@code String} they spell, as every row of a column must be.
     */
    public static final class Builder {
        private final String name;
        private final int[] offsets;
        private final BitSet nulls = new BitSet();
        private byte[] bytes;
        private int size;

        /** For {@code rows} rows, with room for {@code byteCapacity} bytes (grown when needed). */
        public Builder(String name, int rows, int byteCapacity) {
            this.name = Objects.requireNonNull(name, "name");
            this.offsets = new int[rows + 1];
            this.bytes = new byte[Math.max(byteCapacity, 0)];
        }

        /** Adds a row holding {@code value} ({@code null}: a null cell). */
        public void add(String value) {
            if (value == null) {
                nulls.set(size);
                offsets[size + 1] = offsets[size];
                size++;
            } else {
                byte[] b = value.getBytes(StandardCharsets.UTF_8);
                append(b, 0, b.length);
            }
        }

        /**
         * Adds a row holding the {@code len} bytes of {@code b} at {@code off} when all of them are ASCII; adds
         * nothing and answers false otherwise (the caller then adds the row's {@code String}).
         */
        public boolean addAscii(byte[] b, int off, int len) {
            for (int i = off, end = off + len; i < end; i++) {
                if (b[i] < 0) {
                    return false;
                }
            }
            append(b, off, len);
            return true;
        }

        private void append(byte[] b, int off, int len) {
            int at = offsets[size];
            if (at + len > bytes.length) {
                long needed = (long) at + len;
                long doubled = Math.min(2L * bytes.length, Integer.MAX_VALUE - 8L);
                bytes = java.util.Arrays.copyOf(bytes, checkedLength(name, Math.max(needed, doubled)));
            }
            System.arraycopy(b, off, bytes, at, len);
            offsets[++size] = at + len;
        }

        /** The column of the rows added, which must be as many as the builder was made for. */
        public StringColumn build() {
            if (size != offsets.length - 1) {
                throw new IllegalStateException("text column '" + name + "': " + size + " of "
                        + (offsets.length - 1) + " rows added");
            }
            int byteCount = offsets[size];
            return new StringColumn(name, byteCount == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, byteCount),
                    offsets, nulls);
        }
    }

    @Override
    public String toString() {
        return "StringColumn[name=" + name + ", size=" + size() + "]";
    }
}
