package io.modelwatch.support.store;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TimestampColumn;

import java.io.DataOutputStream;

/**
 * One column as bytes for the batch store: a kind tag, the row count, then the primitive array (doubles,
 * epoch millis, dictionary + int codes, or strings with a null flag, big-endian as {@link DataOutputStream} writes
 * them), deflated at the fastest level. Lossless: a column read back equals the column written, NaN and null markers
 * included. The arrays go to the deflater ({@link ColumnEncoder}) and come back from the inflater ({@link
 * ColumnDecoder}) whole, not a value at a time: a call into zlib per value cost most of the services' time.
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

    /** The stored bytes of {@code column} ({@link ColumnEncoder} encodes many with one deflater and buffer). */
    public static byte[] encode(Column column) {
        try (ColumnEncoder encoder = new ColumnEncoder()) {
            return encoder.encode(column);
        }
    }

    /** A column written by {@link #encode} ({@link ColumnDecoder} decodes many with one buffer). */
    public static Column decode(String name, byte[] data) {
        try (ColumnDecoder decoder = new ColumnDecoder()) {
            return decoder.decode(name, data);
        }
    }
}
