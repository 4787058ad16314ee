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
    private long[] scratch = new long[0];

    /** The stored bytes of {@code column}, as {@link ColumnBytes#encode} writes them. */
    public byte[] encode(Column column) {
        raw.reset();
        try {
            data.writeByte(ColumnBytes.VERSION);
            if (column instanceof NumericColumn n) {
                data.writeByte(ColumnBytes.NUMERIC);
                data.writeInt(n.size());
                numeric(n.values());
            } else if (column instanceof CategoricalColumn c) {
                data.writeByte(ColumnBytes.CATEGORICAL);
                data.writeInt(c.size());
                data.writeInt(c.dictionary().size());
                for (String d : c.dictionary()) {
                    data.writeUTF(d);
                }
                codes(c.codes());
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
                timestamps(t.epochMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deflate();
    }

    /**
     * A numeric column as its narrowest exact form: when every value is {@code k / 10^s} (the double division, bit
     * for bit; canonical NaN allowed) for integers {@code k} of one width and a scale {@code s} of 0 to
     * {@link ColumnBytes#MAX_SCALE}, the width, {@code s} and the {@code k}s (NaN as the width's minimum);
     * otherwise {@link ColumnBytes#WIDE} and the doubles.
     */
    private void numeric(double[] v) throws IOException {
        long[] k = scratch(v.length);
        for (int s = 0; s <= ColumnBytes.MAX_SCALE; s++) {
            double scale = ColumnBytes.SCALES[s];
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            int i = 0;
            for (; i < v.length; i++) {
                double x = v[i];
                if (Double.isNaN(x)) {
                    if (Double.doubleToRawLongBits(x) != ColumnBytes.NAN_BITS) {
                        break;
                    }
                    k[i] = NULL;
                    continue;
                }
                long q = Math.round(x * scale);
                if (q < -Integer.MAX_VALUE || q > Integer.MAX_VALUE
                        || Double.doubleToRawLongBits(q / scale) != Double.doubleToRawLongBits(x)) {
                    break;
                }
                k[i] = q;
                min = Math.min(min, q);
                max = Math.max(max, q);
            }
            if (i == v.length) {
                int width = ColumnBytes.width(min, max, true);
                data.writeByte(width);
                data.writeByte(s);
                narrow(k, v.length, width);
                return;
            }
        }
        data.writeByte(ColumnBytes.WIDE);
        raw.view(v.length, Double.BYTES).asDoubleBuffer().put(v);
    }

    /** Dictionary codes ({@code -1} for null) as bytes, shorts or ints, whichever hold them all. */
    private void codes(int[] codes) throws IOException {
        long[] k = scratch(codes.length);
        long min = 0;
        long max = 0;
        for (int i = 0; i < codes.length; i++) {
            k[i] = codes[i];
            min = Math.min(min, k[i]);
            max = Math.max(max, k[i]);
        }
        int width = ColumnBytes.width(min, max, false);
        data.writeByte(width);
        narrow(k, codes.length, width);
    }

    /**
     * Epoch millis as {@code base + k * unit} (unit 1000 when every non-null value is whole seconds from the base,
     * else 1) with {@code k} of the narrowest width (null as the width's minimum), or {@link ColumnBytes#WIDE}
     * and the longs when even ints do not hold them.
     */
    private void timestamps(long[] t) throws IOException {
        long base = TimestampColumn.NULL_VALUE;
        for (long x : t) {
            if (x != TimestampColumn.NULL_VALUE) {
                base = x;
                break;
            }
        }
        long unit = 1000;
        for (long x : t) {
            if (x != TimestampColumn.NULL_VALUE && (x - base) % unit != 0) {
                unit = 1;
                break;
            }
        }
        long[] k = scratch(t.length);
        long min = 0;
        long max = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] == TimestampColumn.NULL_VALUE) {
                k[i] = NULL;
                continue;
            }
            long d = t[i] - base;
            if (((t[i] ^ base) & (t[i] ^ d)) < 0) {
                max = Long.MAX_VALUE; // overflowed: not narrow
                break;
            }
            k[i] = d / unit;
            min = Math.min(min, k[i]);
            max = Math.max(max, k[i]);
        }
        if (min < -Integer.MAX_VALUE || max > Integer.MAX_VALUE) {
            data.writeByte(ColumnBytes.WIDE);
            raw.view(t.length, Long.BYTES).asLongBuffer().put(t);
            return;
        }
        int width = ColumnBytes.width(min, max, true);
        data.writeByte(width);
        data.writeLong(base);
        data.writeLong(unit);
        narrow(k, t.length, width);
    }

    /** Marks a null in {@link #scratch}: written as the width's minimum. */
    private static final long NULL = Long.MIN_VALUE;

    private long[] scratch(int n) {
        if (scratch.length < n) {
            scratch = new long[n];
        }
        return scratch;
    }

    /** {@code k[0..n)} big-endian in {@code width} bytes each, {@link #NULL} as the width's minimum. */
    private void narrow(long[] k, int n, int width) {
        ByteBuffer out = raw.view(n, width);
        switch (width) {
            case 1 -> {
                for (int i = 0; i < n; i++) {
                    out.put(i, k[i] == NULL ? Byte.MIN_VALUE : (byte) k[i]);
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    out.putShort(i * 2, k[i] == NULL ? Short.MIN_VALUE : (short) k[i]);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    out.putInt(i * 4, k[i] == NULL ? Integer.MIN_VALUE : (int) k[i]);
                }
            }
        }
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
