package io.modelwatch.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * {@link CsvReader#stream} of one plain file on several threads, with the chunks' rows, dictionaries and parse
 * issues, and the summary, of a stream on one thread.
 *
 * <ol>
 *   <li>The header is read as usual (see {@link CsvLayout}). The calling thread cuts the data
 *       after it into blocks, each ending right after a line feed, of about {@value #BLOCK_ROW_SHARE} of a chunk's
 *       rows (from the bytes per row seen so far) and at most the reader's block size, and hands each to a worker
 *       thread; at most the thread count (up to {@value #MAX_THREADS}) plus {@value #BLOCKS_AHEAD} blocks are
 *       parsed or waiting at a time, so memory holds a few chunks, not the file.</li>
 *   <li>A worker parses its block with builders and dictionaries of its own, numbering its rows from 1, into
 *       pieces of at most a chunk's rows.</li>
 *   <li>The calling thread takes the blocks in file order and hands each piece to the sink as one chunk
 *       ({@link ChunkedPass#addBlock}): the piece's categorical codes are mapped to one dictionary per column that
 *       grows by the values each piece saw first, in its order, which is the first-seen order of the file; its
 *       parse issues get file row numbers from the rows handed over before it.</li>
 * </ol>
 *
 * <p>A block starts a record only when no field before it opened with a quote: a quoted field may hold a line
 * break. A worker that meets such a field gives its block up, and the calling thread reads from that block's start
 * to the end of the file on one scanner, continuing the row numbers and dictionaries (the blocks before it had no
 * quoted field, so their line feeds all ended records and the block's start is a record's start). So does a block
 * that finds no line feed within a few block sizes (a file with CR line ends, or a huge record). Files read on one
 * thread from the start: gzip, below the size threshold, and schemas that sniff a column's type (as
 * {@link ParallelCsvRead}).
 */
final class ParallelCsvStream {

    /** Rows of a block as a share of a chunk's rows: a block a little longer than the estimate still fits one chunk. */
    static final double BLOCK_ROW_SHARE = 0.95;

    /** Blocks cut ahead of the ones being parsed, so a worker finds the next one when it is done. */
    static final int BLOCKS_AHEAD = 2;

    /**
     * Most threads parsing blocks, whatever the reader allows: the sink takes every chunk on one thread, which more
     * parsers cannot outrun (in the 10M-row churn benchmark parsing takes about 8 CPU seconds, the run's consumer
     * about 11), and each thread holds a block or two in memory.
     */
    static final int MAX_THREADS = 8;

    /** Smallest block, unless the reader's block size is smaller (tests). */
    static final long MIN_BLOCK_BYTES = 64L << 10;

    /** Bytes read after the header to estimate the bytes per row before the first block is parsed. */
    private static final int SAMPLE_BYTES = 1 << 20;

    /** A block's line feed is looked for this many block sizes past its target end (at least 1 MiB). */
    private static final int LINE_FEED_SEARCH_BLOCKS = 4;

    /** A worker looks whether the stream stopped (a quoted field, an error, a cancelled read) every 1024 rows. */
    private static final int STOP_CHECK_MASK = 1023;

    private ParallelCsvStream() {
    }

    /**
     * The summary after handing every chunk to {@code sink}, or null when the file is not one to stream in parallel
     * (see the class comment): then nothing was handed over, and the caller reads the file on one thread.
     */
    static CsvReader.Summary stream(Path file, TableSchema schema, int chunkRows, Consumer<ColumnBatch> sink,
                                    int threads, long minBytes, long maxBlockBytes, int bufferBytes,
                                    long progressEveryRows, LongConsumer progress) {
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            CsvLayout layout = CsvLayout.of(channel, source, schema, minBytes);
            if (layout == null) {
                return null;
            }
            ChunkedPass pass = new ChunkedPass(source, layout.header(), builders(layout.types()), chunkRows, sink,
                    progressEveryRows, progress);
            AtomicBoolean stopped = new AtomicBoolean();
            int parsers = Math.min(threads, MAX_THREADS);
            ExecutorService pool = Executors.newFixedThreadPool(parsers, task -> {
                Thread t = new Thread(task, "csv-block");
                t.setDaemon(true);
                return t;
            });
            try {
                Blocks blocks = new Blocks(channel, source, layout, chunkRows, maxBlockBytes, bufferBytes, pool,
                        parsers + BLOCKS_AHEAD, stopped);
                long rest = blocks.handOver(pass);
                stopped.set(true);
                if (rest >= 0) {
                    CsvRecordScanner scanner = new CsvRecordScanner(
                            new RangeInputStream(channel, rest, layout.size()), bufferBytes, source,
                            false, pass.rows() + 1);
                    pass.readAll(scanner, layout.size() - rest);
                }
                return pass.finish().summary();
            } finally {
                stopped.set(true);
                pool.shutdownNow();
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static ColumnBuilder[] builders(ColumnType[] types) {
        ColumnBuilder[] builders = new ColumnBuilder[types.length];
        for (int i = 0; i < types.length; i++) {
            builders[i] = ColumnBuilder.of(types[i]);
        }
        return builders;
    }

    /** The blocks of one file: cut and parsed ahead on the pool, handed over in order on the calling thread. */
    private static final class Blocks {
        private final FileChannel channel;
        private final String source;
        private final CsvLayout layout;
        private final int chunkRows;
        private final long maxBlockBytes;
        private final int bufferBytes;
        private final ExecutorService pool;
        private final int inFlight;
        private final AtomicBoolean stopped;

        Blocks(FileChannel channel, String source, CsvLayout layout, int chunkRows,
               long maxBlockBytes, int bufferBytes, ExecutorService pool, int inFlight, AtomicBoolean stopped) {
            this.channel = channel;
            this.source = source;
            this.layout = layout;
            this.chunkRows = chunkRows;
            this.maxBlockBytes = maxBlockBytes;
            this.bufferBytes = bufferBytes;
            this.pool = pool;
            this.inFlight = inFlight;
            this.stopped = stopped;
        }

        private record Pending(long start, long end, Future<ParsedBlock> parsed) {
        }

        /**
         * Hands every block over to {@code pass} in order, until the end of the file or a block that must be read on
         * one scanner.
         *
         * @return where the rest of the file starts, to be read on one scanner; -1 when nothing is left
         */
        long handOver(ChunkedPass pass) throws IOException {
            long size = layout.size();
            long cut = layout.dataStart();
            long restAt = -1;
            double bytesPerRow = sampleBytesPerRow(cut, size);
            long bytesHandedOver = 0;
            long rowsHandedOver = 0;
            ArrayDeque<Pending> pending = new ArrayDeque<>();
            while (true) {
                while (restAt < 0 && cut < size && pending.size() < inFlight) {
                    double perRow = rowsHandedOver > 0 ? (double) bytesHandedOver / rowsHandedOver : bytesPerRow;
                    long target = Math.max(Math.min(maxBlockBytes, MIN_BLOCK_BYTES),
                            Math.min(maxBlockBytes, (long) (chunkRows * BLOCK_ROW_SHARE * perRow)));
                    long end = blockEnd(cut, target, size);
                    if (end < 0) {
                        restAt = cut;
                        break;
                    }
                    long start = cut;
                    long expectedRows = (long) Math.ceil((end - start) / perRow * 1.02) + 16;
                    pending.add(new Pending(start, end, pool.submit(() -> parse(start, end, expectedRows))));
                    cut = end;
                }
                Pending next = pending.poll();
                if (next == null) {
                    return restAt;
                }
                ParsedBlock block = ParallelCsvRead.await(next.parsed(), source);
                if (block == ParsedBlock.QUOTED) {
                    return next.start();
                }
                pass.addBlock(block);
                bytesHandedOver += next.end() - next.start();
                rowsHandedOver += block.records();
            }
        }

        /** Bytes per line feed in the first bytes after the header (all of them when there is none). */
        private double sampleBytesPerRow(long start, long size) throws IOException {
            ByteBuffer sample = ByteBuffer.allocate((int) Math.min(SAMPLE_BYTES, size - start));
            while (sample.hasRemaining() && channel.read(sample, start + sample.position()) > 0) {
                // positional reads until the sample is full or the file ends
            }
            long lineFeeds = 0;
            for (int i = 0; i < sample.position(); i++) {
                lineFeeds += sample.get(i) == '\n' ? 1 : 0;
            }
            return Math.max(1, sample.position()) / (double) Math.max(1, lineFeeds);
        }

        /**
         * The end of a block from {@code start} of about {@code target} bytes: right after the first line feed at or
         * after {@code start + target - 1}, or the end of the file; -1 when no line feed comes within
         * {@value #LINE_FEED_SEARCH_BLOCKS} block sizes (at least 1 MiB) of that point.
         */
        private long blockEnd(long start, long target, long size) throws IOException {
            long from = start + target - 1;
            if (from >= size - 1) {
                return size;
            }
            long limit = Math.min(size, from + Math.max(LINE_FEED_SEARCH_BLOCKS * target, 1L << 20));
            long end = ByteRanges.afterLineFeed(channel, from, limit);
            return end >= 0 ? end : limit == size ? size : -1;
        }

        /** Parses bytes {@code [start, end)} on a worker; null when the stream stopped meanwhile. */
        private ParsedBlock parse(long start, long end, long expectedRows) throws IOException {
            List<String> header = layout.header();
            ColumnBuilder[] builders = builders(layout.types());
            int[] kinds = CsvRecords.kinds(builders);
            CsvRecords.reserve(builders, Math.min(chunkRows, expectedRows));
            CsvRecordScanner scanner = new CsvRecordScanner(new RangeInputStream(channel, start, end),
                    (int) Math.min(bufferBytes, end - start + 1), source, false);
            List<ParsedBlock.Piece> pieces = new ArrayList<>();
            ParseIssueCollector issues = new ParseIssueCollector();
            long records = 0;
            int inPiece = 0;
            try {
                while (scanner.next()) {
                    if (scanner.sawQuotedField()) {
                        return ParsedBlock.QUOTED;
                    }
                    records++;
                    CsvRecords.appendRecord(scanner, builders, kinds, header, records, issues, null);
                    if ((records & STOP_CHECK_MASK) == 0 && stopped.get()) {
                        return null;
                    }
                    if (++inPiece == chunkRows) {
                        pieces.add(piece(header, builders, inPiece, issues));
                        issues = new ParseIssueCollector();
                        inPiece = 0;
                        if (expectedRows > records) {
                            CsvRecords.reserve(builders, Math.min(chunkRows, expectedRows - records));
                        }
                    }
                }
            } catch (InputException e) {
                if (scanner.sawQuotedField()) {
                    return ParsedBlock.QUOTED; // a quoted field running past the end of the block
                }
                throw e;
            }
            if (scanner.sawQuotedField()) {
                return ParsedBlock.QUOTED;
            }
            if (inPiece > 0) {
                pieces.add(piece(header, builders, inPiece, issues));
            }
            ByteDictionary[] dictionaries = new ByteDictionary[builders.length];
            for (int i = 0; i < builders.length; i++) {
                if (builders[i] instanceof CategoricalBuilder categorical) {
                    dictionaries[i] = categorical.dictionary();
                }
            }
            return new ParsedBlock(pieces, dictionaries, records);
        }

        private static ParsedBlock.Piece piece(List<String> header, ColumnBuilder[] builders, int rows,
                                               ParseIssueCollector issues) {
            Column[] columns = new Column[builders.length];
            for (int i = 0; i < builders.length; i++) {
                columns[i] = builders[i].take(header.get(i));
            }
            return new ParsedBlock.Piece(columns, rows, issues);
        }
    }
}
