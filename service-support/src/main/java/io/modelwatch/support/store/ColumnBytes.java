package io.modelwatch.support.store;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TimestampColumn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * One column as bytes for the batch store: a kind tag, the row count, then the primitive array (doubles,
 * epoch millis, dictionary + int codes, or strings with a null flag), deflated at the fastest level.
 * Lossless: a column read back equals the column written, NaN and null markers included.
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
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater, 1 << 16))) {
            out.writeByte(VERSION);
            if (column instanceof NumericColumn n) {
                out.writeByte(NUMERIC);
                out.writeInt(n.size());
                for (double v : n.values()) {
                    out.writeDouble(v);
                }
            } else if (column instanceof CategoricalColumn c) {
                out.writeByte(CATEGORICAL);
                out.writeInt(c.size());
                out.writeInt(c.dictionary().size());
                for (String d : c.dictionary()) {
                    out.writeUTF(d);
                }
                for (int code : c.codes()) {
                    out.writeInt(code);
                }
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
                for (long v : t.epochMillis()) {
                    out.writeLong(v);
                }
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
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(data), inflater, 1 << 16))) {
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
                    for (int i = 0; i < n; i++) {
                        v[i] = in.readDouble();
                    }
                    return new NumericColumn(name, v);
                }
                case CATEGORICAL -> {
                    int d = in.readInt();
                    List<String> dict = new ArrayList<>(d);
                    for (int i = 0; i < d; i++) {
                        dict.add(in.readUTF());
                    }
                    int[] codes = new int[n];
                    for (int i = 0; i < n; i++) {
                        codes[i] = in.readInt();
                    }
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
                    for (int i = 0; i < n; i++) {
                        v[i] = in.readLong();
                    }
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
}
