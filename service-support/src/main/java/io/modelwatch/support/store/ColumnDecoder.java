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
            if (version != ColumnBytes.VERSION) {
                throw new IllegalArgumentException("column '" + name + "': stored format version " + version
                        + " is not supported (expected " + ColumnBytes.VERSION + ")");
            }
            byte kind = din.readByte();
            int n = din.readInt();
            switch (kind) {
                case ColumnBytes.NUMERIC -> {
                    double[] v = new double[n];
                    in.values(n, Double.BYTES).asDoubleBuffer().get(v);
                    return new NumericColumn(name, v);
                }
                case ColumnBytes.CATEGORICAL -> {
                    int d = din.readInt();
                    List<String> dict = new ArrayList<>(d);
                    for (int i = 0; i < d; i++) {
                        dict.add(din.readUTF());
                    }
                    int[] codes = new int[n];
                    in.values(n, Integer.BYTES).asIntBuffer().get(codes);
                    return new CategoricalColumn(name, dict, codes);
                }
                case ColumnBytes.STRING -> {
                    return strings(name, n, in, din);
                }
                case ColumnBytes.TIMESTAMP -> {
                    long[] v = new long[n];
                    in.values(n, Long.BYTES).asLongBuffer().get(v);
                    return new TimestampColumn(name, v);
                }
                default -> throw new IllegalArgumentException("column '" + name + "': unknown kind tag " + kind);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("column '" + name + "': cannot decode stored bytes", e);
        }
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
