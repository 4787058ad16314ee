package io.modelwatch.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;

/**
 * The outcome of one pass over a CSV file: its rows, header, builders and parse report, and for a schema that
 * sniffs, whether a column's content contradicted the type its first cells suggested (then the file is read again
 * with the {@link #resolvedSchema}).
 */
final class CsvPass {

    private static final int GZIP_BUFFER_BYTES = 1 << 16;

    final String source;
    final long rows;
    final List<String> header;
    final ColumnBuilder[] builders;
    final ParseReport report;
    final boolean conflicted;

    CsvPass(String source, long rows, List<String> header, ColumnBuilder[] builders, ParseReport report) {
        this.source = source;
        this.rows = rows;
        this.header = header;
        this.builders = builders;
        this.report = report;
        boolean any = false;
        for (ColumnBuilder b : builders) {
            any |= b instanceof SniffingColumnBuilder s && s.conflicted();
        }
        this.conflicted = any;
    }

    /**
     * Reads {@code file} once on this thread, plain or gzip-compressed (recognised by its magic bytes), in chunks
     * of at most {@code chunkRows} rows handed to {@code sink}; builders of unlisted columns sniff their type
     * when the schema says so.
     */
    static CsvPass over(Path file, TableSchema schema, int chunkRows, Consumer<ColumnBatch> sink, int bufferBytes,
                        long progressEveryRows, LongConsumer progress) {
        String source = file.toString();
        if (!Files.exists(file)) {
            throw new InputException(source + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new InputException(source + ": is a directory, expected a CSV file");
        }
        try (InputStream in = open(file)) {
            long fileBytes = in instanceof GZIPInputStream ? -1 : Files.size(file);
            CsvRecordScanner scanner = new CsvRecordScanner(in, bufferBytes, source);
            if (!scanner.next()) {
                throw new InputException(source + ": the file is empty; expected a header row with the column names");
            }
            List<String> header = CsvRecords.header(scanner, source);
            int width = header.size();
            ColumnBuilder[] builders = new ColumnBuilder[width];
            for (int i = 0; i < width; i++) {
                ColumnType listed = schema.typeOf(header.get(i)).orElse(null);
                builders[i] = listed != null ? ColumnBuilder.of(listed)
                        : schema.sniffsUnlisted() ? new SniffingColumnBuilder()
                        : ColumnBuilder.of(ColumnType.CATEGORICAL);
            }
            ChunkedPass pass = new ChunkedPass(source, header, builders, chunkRows, sink, progressEveryRows, progress);
            pass.readAll(scanner, fileBytes);
            return pass.finish();
        } catch (IOException e) {
            throw new InputException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The schema with every column of the file listed as the type it was read (or resolved) as. */
    TableSchema resolvedSchema(TableSchema schema) {
        Map<String, ColumnType> types = new LinkedHashMap<>(schema.types());
        types.putAll(columnTypes());
        return TableSchema.of(types, false);
    }

    Map<String, ColumnType> columnTypes() {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (int i = 0; i < builders.length; i++) {
            types.put(header.get(i), builders[i].type());
        }
        return types;
    }

    TableReader.Summary summary() {
        return new TableReader.Summary(source, rows, columnTypes(), report);
    }

    private static InputStream open(Path file) throws IOException {
        PushbackInputStream in = new PushbackInputStream(Files.newInputStream(file), 2);
        byte[] magic = new byte[2];
        int n = in.readNBytes(magic, 0, 2);
        if (n > 0) {
            in.unread(magic, 0, n);
        }
        boolean gzip = n == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        return gzip ? new GZIPInputStream(in, GZIP_BUFFER_BYTES) : in;
    }
}
