package io.modelwatch.core.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * The header, the column types and where the data starts, of a file to read in parallel; null when it is
 * not one (below {@code minBytes}, gzip, no header row, or a column whose type the schema sniffs). What
 * {@link ParallelCsvRead} and {@link ParallelCsvStream} know before they cut the data into byte ranges.
 */
record CsvLayout(List<String> header, ColumnType[] types, long dataStart, long size) {

    static CsvLayout of(FileChannel channel, String source, TableSchema schema, long minBytes)
            throws IOException {
        long size = channel.size();
        if (size < minBytes || isGzip(channel)) {
            return null;
        }
        CsvRecordScanner headerScanner = new CsvRecordScanner(new RangeInputStream(channel, 0, size),
                1 << 16, source);
        if (!headerScanner.next()) {
            return null;
        }
        List<String> header = CsvRecords.header(headerScanner, source);
        ColumnType[] types = new ColumnType[header.size()];
        for (int i = 0; i < types.length; i++) {
            ColumnType listed = schema.typeOf(header.get(i)).orElse(null);
            if (listed == null && schema.sniffsUnlisted()) {
                return null;
            }
            types[i] = listed != null ? listed : ColumnType.CATEGORICAL;
        }
        return new CsvLayout(header, types, headerScanner.position(), size);
    }

    private static boolean isGzip(FileChannel channel) throws IOException {
        ByteBuffer magic = ByteBuffer.allocate(2);
        while (magic.hasRemaining() && channel.read(magic, magic.position()) > 0) {
            // positional reads until two bytes or the end of the file
        }
        return magic.position() == 2 && (magic.get(0) & 0xff) == 0x1f && (magic.get(1) & 0xff) == 0x8b;
    }
}
