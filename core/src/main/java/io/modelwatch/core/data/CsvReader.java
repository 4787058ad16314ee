package io.modelwatch.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

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
 *
 * <p>This class chooses how a file is read (whole or in chunks, on one thread or several, a part of a file);
 * {@link CsvPass} is one pass on one thread, {@link CsvRecords} the per-row work all of them share.
 */
public final class CsvReader implements TableReader {

    /** Size of the read buffer; it grows only when one record is larger. */
    public static final int DEFAULT_BUFFER_BYTES = 1 << 20;

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
        CsvPass pass = CsvPass.over(file, schema, Integer.MAX_VALUE, out::add, bufferBytes, progressEveryRows,
                progress);
        if (pass.conflicted) {
            out.clear();
            CsvPass.over(file, pass.resolvedSchema(schema), Integer.MAX_VALUE, out::add, bufferBytes,
                    progressEveryRows, progress);
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
            typed = CsvPass.over(file, schema, chunkRows, batch -> { }, bufferBytes, progressEveryRows, progress)
                    .resolvedSchema(schema);
        }
        if (threads > 1) {
            Summary summary = ParallelCsvStream.stream(file, typed, chunkRows, sink, threads, parallelMinBytes,
                    streamBlockBytes, bufferBytes, progressEveryRows, progress);
            if (summary != null) {
                return summary;
            }
        }
        return CsvPass.over(file, typed, chunkRows, sink, bufferBytes, progressEveryRows, progress).summary();
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
            List<String> names = CsvRecords.header(scanner, source);
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
                names = CsvRecords.header(scanner, source);
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
}
