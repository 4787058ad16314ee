package io.modelwatch.core.data;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The columns of a batch without its rows, in the byte forms of counts that travel between parts of a run (a Spark
 * partition's, a services replica's chunk task): the source, then each column's name and type in column order. The
 * counts of a part were planned from its first chunk's columns; read back, the header plans the same counts.
 */
public final class ColumnHeader {

    private ColumnHeader() {
    }

    /** Writes the source and the column names and types of {@code batch} (its rows are not written). */
    public static void write(DataOutput out, ColumnBatch batch) throws IOException {
        out.writeUTF(batch.source());
        Map<String, ColumnType> types = batch.columnTypes();
        out.writeInt(types.size());
        for (Map.Entry<String, ColumnType> e : types.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeByte(e.getValue().ordinal());
        }
    }

    /** A batch of no rows with the source and columns {@link #write} wrote. */
    public static ColumnBatch read(DataInput in) throws IOException {
        String source = in.readUTF();
        int n = in.readInt();
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            types.put(in.readUTF(), ColumnType.values()[in.readByte()]);
        }
        return ColumnBatch.empty(source, types);
    }
}
