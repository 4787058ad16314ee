package io.modelwatch.support.store;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TimestampColumn;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * One column as bytes for the batch store: a kind tag, the row count, then the primitive array (doubles,
 * epoch millis, dictionary + int codes, or strings with a null flag, big-endian as {@link DataOutputStream} writes
 * them), deflated at the fastest level. Lossless: a column read back equals the column written, NaN and null markers
 * included. The arrays go to the deflater and come back from the inflater whole, not a value at a time: a call into
 * zlib per value cost most of the services' time.
 */
public final class ColumnBytes {

    private static final int VERSION = 1;
    private static final byte NUMERIC = 1;
    private static final byte CATEGORICAL = 2;
    private static final byte STRING = 3;
    private static final byte TIMESTAMP = 4;

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

    public static Column decode(String name, byte[] data) {
        Inflater inflater = new Inflater();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(
                new InflaterInputStream(new ByteArrayInputStream(data), inflater, 1 << 16).readAllBytes()))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("column '" + name + "': stored format version " + version
                        + " is not supported (expected " + VERSION + ")");
            }
            byte kind = in.readByte();
            int n = in.readInt();
            switch (kind) {
                case NUMERIC -> {
                    double[] v = new double[n];
                    array(in, n, Double.BYTES).asDoubleBuffer().get(v);
                    return new NumericColumn(name, v);
                }
                case CATEGORICAL -> {
                    int d = in.readInt();
                    List<String> dict = new ArrayList<>(d);
                    for (int i = 0; i < d; i++) {
                        dict.add(in.readUTF());
                    }
                    int[] codes = new int[n];
                    array(in, n, Integer.BYTES).asIntBuffer().get(codes);
                    return new CategoricalColumn(name, dict, codes);
                }
                case STRING -> {
                    String[] v = new String[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = in.readBoolean() ? in.readUTF() : null;
                    }
                    return new StringColumn(name, v);
                }
                case TIMESTAMP -> {
                    long[] v = new long[n];
                    array(in, n, Long.BYTES).asLongBuffer().get(v);
                    return new TimestampColumn(name, v);
                }
                default -> throw new IllegalArgumentException("column '" + name + "': unknown kind tag " + kind);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("column '" + name + "': cannot decode stored bytes", e);
        } finally {
            inflater.end();
        }
    }

    /** The next {@code n} values of {@code width} bytes each, as a big-endian buffer. */
    private static ByteBuffer array(DataInputStream in, int n, int width) throws IOException {
        byte[] raw = new byte[Math.multiplyExact(n, width)];
        in.readFully(raw);
        return ByteBuffer.wrap(raw);
    }
}
