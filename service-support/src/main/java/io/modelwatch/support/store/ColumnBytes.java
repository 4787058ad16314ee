package io.modelwatch.support.store;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TimestampColumn;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * One column as bytes for the batch store: a kind tag, the row count, then the primitive array (doubles,
 * epoch millis, dictionary + int codes, or strings with a null flag, big-endian as {@link DataOutputStream} writes
 * them), deflated at the fastest level. Lossless: a column read back equals the column written, NaN and null markers
 * included. The arrays go to the deflater and come back from the inflater whole ({@link ColumnDecoder}), not a value
 * at a time: a call into zlib per value cost most of the services' time.
 */
public final class ColumnBytes {

    static final int VERSION = 1;
    static final byte NUMERIC = 1;
    static final byte CATEGORICAL = 2;
    static final byte STRING = 3;
    static final byte TIMESTAMP = 4;

    private ColumnBytes() {
    }

    /** The kind tag as stored in {@code store.batch_column.kind}. */
    public static String kind(Column column) {
        if (column instanceof NumericColumn) {
            return "numeric";
        } else if (column instanceof CategoricalColumn) {
            return "categorical";
        } else if (column instanceof StringColumn) {
            return "string";
        }
        return "timestamp";
    }

    public static byte[] encode(Column column) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(column.size() * 4 + 64);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        // buffered: the dictionary's and the strings' small writes reach the deflater 64 KiB at a time
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new DeflaterOutputStream(bytes, deflater, 1 << 16), 1 << 16))) {
            out.writeByte(VERSION);
            if (column instanceof NumericColumn n) {
                out.writeByte(NUMERIC);
                out.writeInt(n.size());
                ByteBuffer raw = ByteBuffer.allocate(n.size() * Double.BYTES);
                raw.asDoubleBuffer().put(n.values());
                out.write(raw.array());
            } else if (column instanceof CategoricalColumn c) {
                out.writeByte(CATEGORICAL);
                out.writeInt(c.size());
                out.writeInt(c.dictionary().size());
                for (String d : c.dictionary()) {
                    out.writeUTF(d);
                }
                ByteBuffer raw = ByteBuffer.allocate(c.size() * Integer.BYTES);
                raw.asIntBuffer().put(c.codes());
                out.write(raw.array());
            } else if (column instanceof StringColumn s) {
                out.writeByte(STRING);
                out.writeInt(s.size());
                for (int i = 0; i < s.size(); i++) {
                    String v = s.get(i);
                    out.writeBoolean(v != null);
                    if (v != null) {
                        out.writeUTF(v);
                    }
                }
            } else if (column instanceof TimestampColumn t) {
                out.writeByte(TIMESTAMP);
                out.writeInt(t.size());
                ByteBuffer raw = ByteBuffer.allocate(t.size() * Long.BYTES);
                raw.asLongBuffer().put(t.epochMillis());
                out.write(raw.array());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    /** A column written by {@link #encode} ({@link ColumnDecoder} decodes many with one buffer). */
    public static Column decode(String name, byte[] data) {
        try (ColumnDecoder decoder = new ColumnDecoder()) {
            return decoder.decode(name, data);
        }
    }
}
