package io.modelwatch.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads a CSV file, plain or gzip-compressed (recognised by its magic bytes), into a {@link ColumnBatch},
 * whole or in chunks of bounded size.
 *
 * <p>Format: UTF-8, comma-separated, RFC-4180 quoting (a quoted field may hold commas, line breaks and
 * doubled quotes {@code ""}), LF or CRLF line ends, a required header row with unique non-empty names.
 * An empty cell is null. Blank lines are skipped and not counted. Rows are numbered from 1 after the header
 * (a quoted line break does not start a new row).
 *
 * <p>Types come from a {@link TableSchema}. Numeric cells are parsed from the bytes with fastdoubleparser
 * ({@code JavaDoubleParser}, Java {@code Double.valueOf} syntax; {@code NaN} is null); timestamp cells are
 * ISO-8601 timestamps or dates (see {@link ColumnType#TIMESTAMP}); blanks around a number or timestamp are
 * ignored. A cell that does not parse becomes null and is counted in the batch's {@link ParseReport} with
 * its row number and text; so is a row whose field count differs from the header (missing cells are null,
 * extra cells ignored). Categorical cells are dictionary-encoded by their bytes, so a repeated value does
 * not create a {@code String}.
 *
 * <p>Errors that make the file unreadable (missing, empty, no header, a quoted field never closed, a
 * corrupt gzip stream) throw {@link InputException} naming the file.
 *
 * <p>Instances are immutable and thread-safe; each read uses its own buffers.
 */
public final class CsvReader implements TableReader {

    /** Size of the read buffer; it grows only when one record is larger. */
    public static final int DEFAULT_BUFFER_BYTES = 1 << 20;

    private static final int GZIP_BUFFER_BYTES = 1 << 16;

    /**
     * Plain files at least this large are read as byte ranges in parallel by {@link #read}: below it, starting
     * threads and scanning for line breaks costs more than one core saves.
     */
    public static final long DEFAULT_PARALLEL_MIN_BYTES = 8L << 20;

    /**
     * Largest byte range {@link #stream} hands to one thread at a time when it reads in parallel (a block aims at
     * a chunk's rows, and is cut smaller when a chunk's rows take more bytes than this).
     */
    public static final long DEFAULT_STREAM_BLOCK_BYTES = 16L << 20;

    private final int bufferBytes;
    private final long progressEveryRows;
    private final LongConsumer progress;
    private final int threads;
    private final long parallelMinBytes;
    private final long streamBlockBytes;

    private CsvReader(int bufferBytes, long progressEveryRows, LongConsumer progress, int threads,
                      long parallelMinBytes, long streamBlockBytes) {
        this.bufferBytes = bufferBytes;
        this.progressEveryRows = progressEveryRows;
        this.progress = progress;
        this.threads = threads;
        this.parallelMinBytes = parallelMinBytes;
        this.streamBlockBytes = streamBlockBytes;
    }

    /**
     * A reader with a 1 MiB buffer, no progress listener, and one thread per available processor for
     * {@link #read} and {@link #stream} of a plain file of at least {@link #DEFAULT_PARALLEL_MIN_BYTES}.
     */
    public static CsvReader withDefaults() {
        return new CsvReader(DEFAULT_BUFFER_BYTES, 0, null, Runtime.getRuntime().availableProcessors(),
                DEFAULT_PARALLEL_MIN_BYTES, DEFAULT_STREAM_BLOCK_BYTES);
    }

    /**
     * This reader with a progress listener, called with the number of rows read so far every
     * {@code everyRows} rows, and once more with the total at the end of each pass over the file. A parallel
     * read calls it with the same numbers, one call at a time, from its worker threads; a parallel stream from
     * the thread that called {@link #stream}.
     */
    public CsvReader withProgress(long everyRows, LongConsumer listener) {
        if (everyRows <= 0) {
            throw new IllegalArgumentException("progress interval must be positive, got " + everyRows);
        }
        return new CsvReader(bufferBytes, everyRows, Objects.requireNonNull(listener, "listener"), threads,
                parallelMinBytes, streamBlockBytes);
    }

    /** This reader with another read-buffer size in bytes (at least 64). */
    public CsvReader withBufferSize(int bytes) {
        if (bytes < 64) {
            throw new IllegalArgumentException("buffer size must be at least 64 bytes, got " + bytes);
        }
        return new CsvReader(bytes, progressEveryRows, progress, threads, parallelMinBytes, streamBlockBytes);
    }

    /**
     * This reader with at most {@code threads} threads parsing for {@link #read} and {@link #stream} (1 reads on
     * the calling thread).
     */
    public CsvReader withThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        return new CsvReader(bufferBytes, progressEveryRows, progress, threads, parallelMinBytes, streamBlockBytes);
    }

    /** This reader reading files of at least {@code bytes} in parallel (tests use small files). */
    CsvReader withParallelMinBytes(long bytes) {
        return new CsvReader(bufferBytes, progressEveryRows, progress, threads, bytes, streamBlockBytes);
    }

    /** This reader streaming in parallel in blocks of at most {@code bytes} (tests force many blocks). */
    CsvReader withStreamBlockBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("block size must be positive, got " + bytes);
        }
        return new CsvReader(bufferBytes, progressEveryRows, progress, threads, parallelMinBytes, bytes);
    }

    /**
     * Reads the whole file into one batch. When the schema sniffs unlisted columns and a column's content
     * contradicts the type its first cells suggested, the file is read a second time with the final types.
     *
     * <p>A plain (not gzip) file of at least {@link #DEFAULT_PARALLEL_MIN_BYTES} whose column types the schema
     * fixes (it lists every column, or does not sniff) is read on several threads: see {@link ParallelCsvRead}.
     * The batch is the same as a read on one thread, down to the parse report and the dictionary order.
     *
     * @throws InputException when the file is missing, empty, has no valid header or is not valid CSV
     */
    @Override
    public ColumnBatch read(Path file, TableSchema schema) {
        if (threads > 1) {
            ColumnBatch batch = ParallelCsvRead.read(file, schema, threads, parallelMinBytes, bufferBytes,
                    progressEveryRows, progress);
            if (batch != null) {
                return batch;
            }
        }
        List<ColumnBatch> out = new ArrayList<>(1);
        Pass pass = pass(file, schema, Integer.MAX_VALUE, out::add);
        if (pass.conflicted) {
            out.clear();
            pass(file, pass.resolvedSchema(schema), Integer.MAX_VALUE, out::add);
        }
        return out.get(0);
    }

    /**
     * Reads the file in chunks of at most {@code chunkRows} rows, handing each to {@code sink} in file
     * order; memory stays bounded by a few chunks. Every chunk has all the file's columns with the same types;
     * a categorical column's codes are the same in all chunks (each chunk's dictionary extends the
     * previous one, by the values first seen in that chunk, in file order). Each chunk's parse report holds the
     * issues found in that chunk, with file row numbers. When the schema sniffs unlisted columns, a first pass
     * over the file decides their types.
     *
     * <p>A plain file of at least {@link #DEFAULT_PARALLEL_MIN_BYTES} is parsed on several threads in blocks (see
     * {@link ParallelCsvStream}); {@code sink} is still called on the calling thread, in file order, with the same
     * rows, dictionaries and parse issues as a read on one thread, and the same summary; only where one chunk
     * ends and the next begins may differ.
     *
     * @return the row count, column types and parse report of the whole file
     * @throws InputException when the file is missing, empty, has no valid header or is not valid CSV
     */
    @Override
    public Summary stream(Path file, TableSchema schema, int chunkRows, Consumer<ColumnBatch> sink) {
        if (chunkRows <= 0) {
            throw new IllegalArgumentException("chunk size must be positive, got " + chunkRows);
        }
        Objects.requireNonNull(sink, "sink");
        TableSchema typed = schema;
        if (schema.sniffsUnlisted()) {
            typed = pass(file, schema, chunkRows, batch -> { }).resolvedSchema(schema);
        }
        if (threads > 1) {
            Summary summary = ParallelCsvStream.stream(file, typed, chunkRows, sink, threads, parallelMinBytes,
                    streamBlockBytes, bufferBytes, progressEveryRows, progress);
            if (summary != null) {
                return summary;
            }
        }
        return pass(file, typed, chunkRows, sink).summary();
    }

    /** The header of a CSV file and the byte offset where its data starts (to read the file in parts). */
    public record Header(List<String> names, long dataStart) {
        public Header {
            names = List.copyOf(names);
        }
    }

    /**
     * Reads the header row at the start of {@code in} (a plain CSV file's first bytes).
     *
     * @throws InputException naming {@code source} when there is no header row or it is not valid
     */
    public static Header header(InputStream in, String source) {
        try {
            CsvRecordScanner scanner = new CsvRecordScanner(in, 1 << 16, source);
            if (!scanner.next()) {
                throw new InputException(source + ": the file is empty; expected a header row with the column names");
            }
            List<String> names = header(scanner, source);
            return new Header(names, scanner.position());
        } catch (IOException e) {
            throw new InputException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads one part of a CSV file in chunks, as a partition of a distributed run reads it: {@code records} starts
     * at the start of a record of the file (after its header) and ends after a record. Rows are numbered from 1 at
     * the start of the part (the caller places them in the file); everything else is as {@link #stream}: the same
     * columns, types, parse report and dictionary growth. The schema must not sniff (a part cannot know what the
     * whole file says).
     *
     * <p>A part cut at line feeds is only a run of whole records when no field is quoted (a quoted field may hold a
     * line break): when a quoted field opens in the part, this returns null, and the caller reads the file whole.
     *
     * @param header the file's column names, or null when {@code records} is the whole file from its first byte
     *               (then the header is read from it and quoted fields are read as usual)
     * @return the rows, types and parse report of the part, or null when it holds a quoted field
     * @throws InputException naming {@code source} when the records are not valid CSV
     */
    public Summary streamPart(InputStream records, String source, List<String> header, TableSchema schema,
                              int chunkRows, Consumer<ColumnBatch> sink) {
        if (schema.sniffsUnlisted()) {
            throw new IllegalArgumentException("a part of a file is read with fixed column types, not sniffed: "
                    + schema);
        }
        if (chunkRows <= 0) {
            throw new IllegalArgumentException("chunk size must be positive, got " + chunkRows);
        }
        CsvRecordScanner scanner = new CsvRecordScanner(records, bufferBytes, source, header == null);
        try {
            List<String> names = header;
            if (names == null) {
                if (!scanner.next()) {
                    throw new InputException(source + ": the file is empty; expected a header row with the column names");
                }
                names = header(scanner, source);
            }
            ColumnBuilder[] builders = new ColumnBuilder[names.size()];
            for (int i = 0; i < builders.length; i++) {
                builders[i] = ColumnBuilder.of(schema.typeOf(names.get(i)).orElse(ColumnType.CATEGORICAL));
            }
            ChunkedPass pass = new ChunkedPass(source, names, builders, chunkRows, sink, progressEveryRows, progress);
            pass.readAll(scanner, -1);
            if (header != null && scanner.sawQuotedField()) {
                return null;
            }
            return pass.finish().summary();
        } catch (InputException e) {
            if (header != null && scanner.sawQuotedField()) {
                return null; // a quoted field cut by the part's end
            }
            throw e;
        } catch (IOException e) {
            throw new InputException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    private Pass pass(Path file, TableSchema schema, int chunkRows, Consumer<ColumnBatch> sink) {
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
            List<String> header = header(scanner, source);
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

    /**
     * Rows read before the row count of a plain file is estimated (its size over the bytes per row so far,
     * plus 2 %) and the column arrays reserved for it.
     */
    static final int ESTIMATE_AFTER_ROWS = 1024;

    static long expectedRows(long fileBytes, long headerBytes, long position, long rows) {
        double bytesPerRow = Math.max(1.0, (position - headerBytes) / (double) rows);
        return (long) Math.ceil((fileBytes - headerBytes) / bytesPerRow * 1.02) + 16;
    }

    private static final int NUMERIC = 0;
    private static final int CATEGORICAL = 1;
    private static final int TIMESTAMP = 2;
    private static final int OTHER = 3;

    static int[] kinds(ColumnBuilder[] builders) {
        int[] kinds = new int[builders.length];
        for (int i = 0; i < builders.length; i++) {
            kinds[i] = builders[i] instanceof ColumnBuilder.Numeric ? NUMERIC
                    : builders[i] instanceof ColumnBuilder.Categorical ? CATEGORICAL
                    : builders[i] instanceof ColumnBuilder.Timestamp ? TIMESTAMP
                    : OTHER;
        }
        return kinds;
    }

    /**
     * Appends the scanner's record as data row {@code row} (1-based): missing cells are null, extra cells are
     * ignored, and a wrong field count or a cell that does not parse is counted in {@code issues} and, when
     * not null, in {@code alsoIn}.
     */
    static void appendRecord(CsvRecordScanner scanner, ColumnBuilder[] builders, int[] kinds, List<String> header,
                             long row, ParseIssueCollector issues, ParseIssueCollector alsoIn) {
        int width = builders.length;
        int fields = scanner.fieldCount();
        if (fields != width) {
            issues.malformedRow(row);
            if (alsoIn != null) {
                alsoIn.malformedRow(row);
            }
        }
        int present = Math.min(fields, width);
        for (int i = 0; i < present; i++) {
            byte[] b = scanner.bytes(i);
            int off = scanner.offset(i);
            int len = scanner.length(i);
            if (!append(builders[i], kinds[i], b, off, len)) {
                issues.badCell(header.get(i), builders[i].expected(), row, b, off, len);
                if (alsoIn != null) {
                    alsoIn.badCell(header.get(i), builders[i].expected(), row, b, off, len);
                }
            }
        }
        for (int i = present; i < width; i++) {
            builders[i].appendNull();
        }
    }

    /**
     * Appends a cell through a direct call on the builder's final class: one virtual call site for the four
     * builder classes would be megamorphic, so none of their {@code append} methods could be inlined.
     */
    private static boolean append(ColumnBuilder builder, int kind, byte[] b, int off, int len) {
        return switch (kind) {
            case NUMERIC -> ((ColumnBuilder.Numeric) builder).append(b, off, len);
            case CATEGORICAL -> ((ColumnBuilder.Categorical) builder).append(b, off, len);
            case TIMESTAMP -> ((ColumnBuilder.Timestamp) builder).append(b, off, len);
            default -> builder.append(b, off, len);
        };
    }

    static void reserve(ColumnBuilder[] builders, long rows) {
        int capacity = (int) Math.min(rows, Integer.MAX_VALUE - 8L);
        for (ColumnBuilder b : builders) {
            b.reserve(capacity);
        }
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

    static List<String> header(CsvRecordScanner scanner, String source) {
        List<String> names = new ArrayList<>(scanner.fieldCount());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < scanner.fieldCount(); i++) {
            String name = new String(scanner.bytes(i), scanner.offset(i), scanner.length(i), StandardCharsets.UTF_8)
                    .strip();
            if (name.isEmpty()) {
                throw new InputException(source + ": header column " + (i + 1)
                        + " has no name; expected a header row with a name for every column");
            }
            if (!seen.add(name)) {
                throw new InputException(source + ": header names column '" + name + "' twice");
            }
            names.add(name);
        }
        return names;
    }

    static ColumnBatch take(String source, List<String> header, ColumnBuilder[] builders, int rows,
                                    ParseIssueCollector chunk) {
        Map<String, Column> columns = new LinkedHashMap<>();
        for (int i = 0; i < builders.length; i++) {
            columns.put(header.get(i), builders[i].take(header.get(i)));
        }
        ParseReport report = chunk.build(source);
        chunk.clear();
        return new ColumnBatch(source, rows, columns, report);
    }

    /** The outcome of one pass over a file. */
    static final class Pass {
        final String source;
        final long rows;
        final List<String> header;
        final ColumnBuilder[] builders;
        final ParseReport report;
        final boolean conflicted;

        Pass(String source, long rows, List<String> header, ColumnBuilder[] builders, ParseReport report) {
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

        Summary summary() {
            return new Summary(source, rows, columnTypes(), report);
        }
    }
}
