package io.modelwatch.support.store;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TimestampColumn;

import java.io.DataOutputStream;

/**
 * One column as bytes for the batch store: a format version, a kind tag, the row count, then the values
 * (big-endian as {@link DataOutputStream} writes them: numbers, dictionary codes and epoch millis as 1-, 2- or
 * 4-byte integers where they fit exactly, else doubles and longs, see {@link ColumnEncoder}; strings with a null
 * flag), deflated at the fastest level. Lossless: a column read back equals the column written, NaN and null markers
 * included. The arrays go to the deflater ({@link ColumnEncoder}) and come back from the inflater ({@link
 * ColumnDecoder}) whole, not a value at a time: a call into zlib per value cost most of the services' time.
 */
public final class ColumnBytes {

    /**
     * 2: numeric, categorical and timestamp values narrowed (a form byte: {@link #WIDE} or a width of 1, 2 or 4
     * bytes; see {@link ColumnEncoder}); 1: doubles, int codes and epoch-millis longs as they are (still read).
     */
    static final int VERSION = 2;
    static final int VERSION_WIDE = 1;
    /** The form byte of values stored at full width (8-byte doubles or longs). */
    static final int WIDE = 8;
    static final int MAX_SCALE = 4;
    static final double[] SCALES = {1, 10, 100, 1000, 10000};
    static final long NAN_BITS = Double.doubleToRawLongBits(Double.NaN);
    static final byte NUMERIC = 1;
    static final byte CATEGORICAL = 2;
    static final byte STRING = 3;
    static final byte TIMESTAMP = 4;

    private ColumnBytes() {
    }

    /**
     * The fewest bytes (1, 2 or 4) holding every value of {@code [min, max]}, which is within int range; with
     * {@code nullable} the type's minimum is left out (it marks a null).
     */
    static int width(long min, long max, boolean nullable) {
        int spare = nullable ? 1 : 0;
        if (min >= Byte.MIN_VALUE + spare && max <= Byte.MAX_VALUE) {
            return 1;
        } else if (min >= Short.MIN_VALUE + spare && max <= Short.MAX_VALUE) {
            return 2;
        }
        return 4;
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
