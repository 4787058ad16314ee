package io.modelwatch.support.store;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TimestampColumn;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Writes columns in {@link ColumnBytes}' stored form, reusing one deflater and two buffers for every column it
 * encodes, as {@link ColumnDecoder} reads them: a column's bytes (the same bytes as {@link DataOutputStream} writes
 * them) are laid out in one buffer, then deflated at the fastest level into the other in one call. Streaming each
 * column through a {@code DataOutputStream}, a {@code BufferedOutputStream} and a {@code DeflaterOutputStream}
 * made a new deflater, a value array's copy and a growing output stream per column, and a {@code String} and two
 * stream calls per row of a text column; ingest-service encodes every column of every chunk it stores. A text cell
 * of ASCII bytes other than NUL is written from the column's bytes (its modified UTF-8 is those bytes), any other
 * through its {@code String} ({@link DataOutputStream#writeUTF}). Not thread-safe: one encoder per writing thread;
 * {@link #close} frees the deflater.
 */
public final class ColumnEncoder implements AutoCloseable {

    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    /** The column's bytes before deflating; {@code data} writes the header and whatever is not copied in bulk. */
    private final Raw raw = new Raw();
    private final DataOutputStream data = new DataOutputStream(raw);
    private byte[] deflated = new byte[1 << 16];

    /** The stored bytes of {@code column}, as {@link ColumnBytes#encode} writes them. */
    public byte[] encode(Column column) {
        raw.reset();
        try {
            data.writeByte(ColumnBytes.VERSION);
            if (column instanceof NumericColumn n) {
                data.writeByte(ColumnBytes.NUMERIC);
                data.writeInt(n.size());
                raw.view(n.size(), Double.BYTES).asDoubleBuffer().put(n.values());
            } else if (column instanceof CategoricalColumn c) {
                data.writeByte(ColumnBytes.CATEGORICAL);
                data.writeInt(c.size());
                data.writeInt(c.dictionary().size());
                for (String d : c.dictionary()) {
                    data.writeUTF(d);
                }
                raw.view(c.size(), Integer.BYTES).asIntBuffer().put(c.codes());
            } else if (column instanceof StringColumn s) {
                data.writeByte(ColumnBytes.STRING);
                data.writeInt(s.size());
                for (int i = 0, n = s.size(); i < n; i++) {
                    if (s.isNull(i)) {
                        raw.write(0);
                    } else if (!raw.plainText(s, i)) {
                        data.writeBoolean(true);
                        data.writeUTF(s.get(i));
                    }
                }
            } else if (column instanceof TimestampColumn t) {
                data.writeByte(ColumnBytes.TIMESTAMP);
                data.writeInt(t.size());
                raw.view(t.size(), Long.BYTES).asLongBuffer().put(t.epochMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deflate();
    }

    private byte[] deflate() {
        deflater.reset();
        deflater.setInput(raw.buffer(), 0, raw.size());
        deflater.finish();
        int length = 0;
        while (!deflater.finished()) {
            if (length == deflated.length) {
                deflated = Arrays.copyOf(deflated, deflated.length * 2);
            }
            length += deflater.deflate(deflated, length, deflated.length - length);
        }
        return Arrays.copyOf(deflated, length);
    }

    @Override
    public void close() {
        deflater.end();
    }

    /** A byte array output stream whose array is written in place and kept between columns. */
    private static final class Raw extends ByteArrayOutputStream {

        Raw() {
            super(1 << 16);
        }

        byte[] buffer() {
            return buf;
        }

        /** Room for {@code n} values of {@code width} bytes, taken as written, as a big-endian view to fill. */
        ByteBuffer view(int n, int width) {
            int bytes = Math.multiplyExact(n, width);
            ensure(bytes);
            ByteBuffer view = ByteBuffer.wrap(buf, count, bytes).slice();
            count += bytes;
            return view;
        }

        /**
         * Writes a non-null text cell as {@code writeBoolean(true)} and {@code writeUTF} would when its bytes are
         * ASCII other than NUL and at most 65535 (then its modified UTF-8 is its bytes); otherwise writes nothing
         * and answers false.
         */
        boolean plainText(StringColumn s, int row) {
            int length = s.byteLength(row);
            if (length > 0xFFFF) {
                return false;
            }
            ensure(3 + length);
            int start = count + 3;
            s.copyBytes(row, buf, start);
            for (int i = start, end = start + length; i < end; i++) {
                if (buf[i] <= 0) {
                    return false;
                }
            }
            buf[count] = 1;
            buf[count + 1] = (byte) (length >>> 8);
            buf[count + 2] = (byte) length;
            count = start + length;
            return true;
        }

        private void ensure(int more) {
            long needed = (long) count + more;
            if (needed > buf.length) {
                if (needed > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("a column's stored bytes exceed 2 GiB");
                }
                buf = Arrays.copyOf(buf, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8L, 2L * buf.length)));
            }
        }
    }
}
