package io.modelwatch.support.store;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TimestampColumn;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads columns in {@link ColumnBytes}' stored form, reusing one inflater and one buffer for every column it
 * decodes: each column is inflated straight into the buffer (grown when a column needs more, then kept) and its
 * values copied from there into the column's array. Inflating through an {@code InflaterInputStream} into
 * {@code readAllBytes} allocated about four times a column's bytes (the stream's buffer, the doubling buffers and
 * their final copy, then the value array's bytes): most of what drift-service and performance-service allocated
 * while counting a batch, and so most of their collections. Not thread-safe: one decoder per reading thread;
 * {@link #close} frees the inflater.
 */
public final class ColumnDecoder implements AutoCloseable {

    private final Inflater inflater = new Inflater();
    private byte[] buffer = new byte[1 << 16];

    /** The column stored as {@code data} ({@link ColumnBytes#encode}), named {@code name}. */
    public Column decode(String name, byte[] data) {
        try {
            int length = inflate(name, data);
            Cursor in = new Cursor(buffer, length);
            DataInputStream din = new DataInputStream(in);
            int version = din.readUnsignedByte();
            if (version != ColumnBytes.VERSION && version != ColumnBytes.VERSION_WIDE) {
                throw new IllegalArgumentException("column '" + name + "': stored format version " + version
                        + " is not supported (expected " + ColumnBytes.VERSION_WIDE + " or " + ColumnBytes.VERSION + ")");
            }
            byte kind = din.readByte();
            int n = din.readInt();
            boolean narrow = version == ColumnBytes.VERSION;
            switch (kind) {
                case ColumnBytes.NUMERIC -> {
                    return new NumericColumn(name, narrow ? numeric(n, in, din) : wideDoubles(n, in));
                }
                case ColumnBytes.CATEGORICAL -> {
                    int d = din.readInt();
                    List<String> dict = new ArrayList<>(d);
                    for (int i = 0; i < d; i++) {
                        dict.add(din.readUTF());
                    }
                    return new CategoricalColumn(name, dict, codes(n, narrow ? din.readUnsignedByte() : Integer.BYTES, in));
                }
                case ColumnBytes.STRING -> {
                    return strings(name, n, in, din);
                }
                case ColumnBytes.TIMESTAMP -> {
                    return new TimestampColumn(name, narrow ? timestamps(n, in, din) : wideLongs(n, in));
                }
                default -> throw new IllegalArgumentException("column '" + name + "': unknown kind tag " + kind);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("column '" + name + "': cannot decode stored bytes", e);
        }
    }

    private static double[] wideDoubles(int n, Cursor in) throws EOFException {
        double[] v = new double[n];
        in.values(n, Double.BYTES).asDoubleBuffer().get(v);
        return v;
    }

    private static long[] wideLongs(int n, Cursor in) throws EOFException {
        long[] v = new long[n];
        in.values(n, Long.BYTES).asLongBuffer().get(v);
        return v;
    }

    /** A version-2 numeric column: the doubles, or {@code k / 10^s} for narrow {@code k} (the minimum: NaN). */
    private static double[] numeric(int n, Cursor in, DataInputStream din) throws IOException {
        int width = din.readUnsignedByte();
        if (width == ColumnBytes.WIDE) {
            return wideDoubles(n, in);
        }
        int s = din.readUnsignedByte();
        if (s > ColumnBytes.MAX_SCALE) {
            throw new IOException("unknown numeric scale " + s);
        }
        double scale = ColumnBytes.SCALES[s];
        ByteBuffer b = in.values(n, width(width));
        double[] v = new double[n];
        switch (width) {
            case 1 -> {
                for (int i = 0; i < n; i++) {
                    byte k = b.get(i);
                    v[i] = k == Byte.MIN_VALUE ? Double.NaN : k / scale;
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    short k = b.getShort(i * 2);
                    v[i] = k == Short.MIN_VALUE ? Double.NaN : k / scale;
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    int k = b.getInt(i * 4);
                    v[i] = k == Integer.MIN_VALUE ? Double.NaN : k / scale;
                }
            }
        }
        return v;
    }

    /** Dictionary codes stored in {@code width} bytes each. */
    private static int[] codes(int n, int width, Cursor in) throws IOException {
        ByteBuffer b = in.values(n, width(width));
        int[] codes = new int[n];
        switch (width) {
            case 1 -> {
                for (int i = 0; i < n; i++) {
                    codes[i] = b.get(i);
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    codes[i] = b.getShort(i * 2);
                }
            }
            default -> b.asIntBuffer().get(codes);
        }
        return codes;
    }

    /** A version-2 timestamp column: the longs, or {@code base + k * unit} for narrow {@code k} (the minimum: null). */
    private static long[] timestamps(int n, Cursor in, DataInputStream din) throws IOException {
        int width = din.readUnsignedByte();
        if (width == ColumnBytes.WIDE) {
            return wideLongs(n, in);
        }
        long base = din.readLong();
        long unit = din.readLong();
        ByteBuffer b = in.values(n, width(width));
        long[] v = new long[n];
        switch (width) {
            case 1 -> {
                for (int i = 0; i < n; i++) {
                    byte k = b.get(i);
                    v[i] = k == Byte.MIN_VALUE ? TimestampColumn.NULL_VALUE : base + k * unit;
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    short k = b.getShort(i * 2);
                    v[i] = k == Short.MIN_VALUE ? TimestampColumn.NULL_VALUE : base + k * unit;
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    int k = b.getInt(i * 4);
                    v[i] = k == Integer.MIN_VALUE ? TimestampColumn.NULL_VALUE : base + k * unit;
                }
            }
        }
        return v;
    }

    private static int width(int width) throws IOException {
        if (width != 1 && width != 2 && width != 4) {
            throw new IOException("unknown value width " + width);
        }
        return width;
    }

    /**
     * The {@code n} rows of a text column, each a null flag then, when not null, its {@code writeUTF} form (a
     * length and the modified UTF-8 bytes). A row whose bytes are all ASCII is copied as they are (its modified
     * UTF-8 is its UTF-8, so no {@code String} is made); any other row is read by {@code readUTF} as before.
     */
    private static StringColumn strings(String name, int n, Cursor in, DataInputStream din) throws IOException {
        StringColumn.Builder column = new StringColumn.Builder(name, n, in.remaining());
        for (int i = 0; i < n; i++) {
            if (!din.readBoolean()) {
                column.add(null);
                continue;
            }
            int at = in.position();
            int length = din.readUnsignedShort();
            if (!in.skipAscii(column, length)) {
                in.moveTo(at);
                column.add(din.readUTF());
            }
        }
        return column.build();
    }

    /** Inflates {@code data} into {@link #buffer} (grown as needed), returning the inflated length. */
    private int inflate(String name, byte[] data) throws IOException {
        inflater.reset();
        inflater.setInput(data);
        int length = 0;
        try {
            while (!inflater.finished()) {
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, data.length * 4));
                }
                int inflated = inflater.inflate(buffer, length, buffer.length - length);
                if (inflated == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new EOFException("column '" + name + "': stored bytes end before the column does");
                }
                length += inflated;
            }
        } catch (DataFormatException e) {
            throw new IOException("column '" + name + "': " + e.getMessage(), e);
        }
        return length;
    }

    @Override
    public void close() {
        inflater.end();
    }

    /** The inflated bytes read in order, with the fixed-width value arrays taken in place. */
    private static final class Cursor extends ByteArrayInputStream {

        Cursor(byte[] bytes, int length) {
            super(bytes, 0, length);
        }

        int position() {
            return pos;
        }

        void moveTo(int position) {
            pos = position;
        }

        int remaining() {
            return count - pos;
        }

        /**
         * Adds the next {@code length} bytes to {@code column} and moves past them when they are all ASCII;
         * false, not moving, otherwise (or when fewer are left: {@code readUTF} then reports the end).
         */
        boolean skipAscii(StringColumn.Builder column, int length) {
            if (length > count - pos || !column.addAscii(buf, pos, length)) {
                return false;
            }
            pos += length;
            return true;
        }

        /** The next {@code n} values of {@code width} bytes each, as a big-endian view of the buffer. */
        ByteBuffer values(int n, int width) throws EOFException {
            int bytes = Math.multiplyExact(n, width);
            if (bytes > count - pos) {
                throw new EOFException("stored bytes end before the column's " + n + " values do");
            }
            ByteBuffer view = ByteBuffer.wrap(buf, pos, bytes).slice();
            pos += bytes;
            return view;
        }
    }
}
