package io.modelwatch.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * {@link CsvReader#read} of one plain file on several threads, with the same batch as a read on one thread.
 *
 * <ol>
 *   <li>The header is read as usual; the data after it is cut into one byte range per thread, each starting
 *       right after a line feed.</li>
 *   <li>Each thread scans its range for line breaks and counts its records (a record is a run of bytes
 *       without CR or LF, which is what {@link CsvRecordScanner} reads when no field is quoted), and notes
 *       whether the range holds a quote character.</li>
 *   <li>From the counts every range knows the file row number of its first record, and every column is
 *       allocated once with the exact row count. Each thread parses its range straight into its slice of
 *       those arrays, so there is no second copy of a column (but for text columns, whose bytes per range are
 *       joined at the end); categorical columns get one dictionary per
 *       range, and the codes of later ranges are then mapped to a merged dictionary whose order is the first-seen
 *       order of the whole file. Parse issues are kept per range with file row numbers and added up in range
 *       order, so the counts and the first examples are those of one pass.</li>
 * </ol>
 *
 * <p>Not read here (the caller reads on one thread): gzip files (a deflate stream cannot be entered in the
 * middle), files below the size threshold, schemas that sniff a column's type (a range cannot know what the
 * first non-blank cell of the whole file says), and files with a quote character anywhere after the header.
 * A quoted field may hold a line break, so with quotes a range start right after a line feed may lie inside a
 * field, and only a scan from the start of the file can tell; counting quotes per range would not do either,
 * as the scanner keeps a quote inside an unquoted field as text. Such files are rare for monitoring data
 * (numbers, codes, ids), and the quote check costs nothing extra as it is part of the record count.
 */
final class ParallelCsvRead {

    private static final int SCAN_BUFFER_BYTES = 1 << 20;

    /** Workers hand their row count to the progress listener this often (and at their end). */
    private static final int PROGRESS_FLUSH_ROWS = 4096;

    private ParallelCsvRead() {
    }

    /**
     * The batch, or null when the file is not one to read in parallel (see the class comment): the caller then
     * reads it on one thread, and that read reports a missing file, an empty one or a bad header.
     */
    static ColumnBatch read(Path file, TableSchema schema, int threads, long minBytes, int bufferBytes,
                            long progressEveryRows, LongConsumer progress) {
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FixedLayout layout = FixedLayout.of(channel, source, schema, minBytes);
            if (layout == null) {
                return null;
            }
            List<String> header = layout.header();
            ColumnType[] types = layout.types();
            long size = layout.size();
            long[] bounds = rangeBounds(channel, layout.dataStart(), size, threads);
            int ranges = bounds.length - 1;
            ExecutorService pool = Executors.newFixedThreadPool(ranges, task -> {
                Thread t = new Thread(task, "csv-range");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<RecordCount>> counts = new ArrayList<>();
                for (int r = 0; r < ranges; r++) {
                    long start = bounds[r];
                    long end = bounds[r + 1];
                    counts.add(pool.submit(() -> countRecords(channel, start, end)));
                }
                long[] firstRow = new long[ranges + 1];
                for (int r = 0; r < ranges; r++) {
                    RecordCount count = await(counts.get(r), source);
                    if (count.quoted()) {
                        return null;
                    }
                    firstRow[r + 1] = firstRow[r] + count.records();
                }
                long total = firstRow[ranges];
                if (total > Integer.MAX_VALUE - 8) {
                    return null;
                }
                return parse(channel, source, header, types, bounds, firstRow, pool, bufferBytes,
                        progress == null ? null : new ProgressRelay(progressEveryRows, progress));
            } finally {
                pool.shutdownNow();
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The header, the column types and where the data starts, of a file to read in parallel; null when it is
     * not one (below {@code minBytes}, gzip, no header row, or a column whose type the schema sniffs).
     */
    record FixedLayout(List<String> header, ColumnType[] types, long dataStart, long size) {

        static FixedLayout of(FileChannel channel, String source, TableSchema schema, long minBytes)
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
            return new FixedLayout(header, types, headerScanner.position(), size);
        }
    }

    private static ColumnBatch parse(FileChannel channel, String source, List<String> header, ColumnType[] types,
                                     long[] bounds, long[] firstRow, ExecutorService pool, int bufferBytes,
                                     ProgressRelay progress) {
        int ranges = bounds.length - 1;
        int width = types.length;
        int rows = (int) firstRow[ranges];
        Object[] arrays = new Object[width];
        for (int i = 0; i < width; i++) {
            arrays[i] = switch (types[i]) {
                case NUMERIC -> new double[rows];
                case TIMESTAMP -> new long[rows];
                case CATEGORICAL -> new int[rows];
                case STRING -> null;
            };
        }
        ColumnBuilder[][] builders = new ColumnBuilder[ranges][width];
        ParseIssueCollector[] issues = new ParseIssueCollector[ranges];
        List<Future<Long>> parsed = new ArrayList<>();
        for (int r = 0; r < ranges; r++) {
            int from = (int) firstRow[r];
            for (int i = 0; i < width; i++) {
                builders[r][i] = switch (types[i]) {
                    case NUMERIC -> new NumericBuilder((double[]) arrays[i], from);
                    case TIMESTAMP -> new TimestampBuilder((long[]) arrays[i], from);
                    case CATEGORICAL -> new CategoricalBuilder((int[]) arrays[i], from);
                    case STRING -> new TextBuilder();
                };
                if (types[i] == ColumnType.STRING) {
                    builders[r][i].reserve((int) (firstRow[r + 1] - from));
                }
            }
            issues[r] = new ParseIssueCollector();
            CsvRecordScanner scanner = new CsvRecordScanner(new RangeInputStream(channel, bounds[r], bounds[r + 1]),
                    bufferBytes, source, false);
            ColumnBuilder[] rangeBuilders = builders[r];
            ParseIssueCollector rangeIssues = issues[r];
            parsed.add(pool.submit(() -> parseRange(scanner, rangeBuilders, header, from, rangeIssues, progress)));
        }
        for (int r = 0; r < ranges; r++) {
            long records = await(parsed.get(r), source);
            if (records != firstRow[r + 1] - firstRow[r]) {
                throw new IllegalStateException(source + ": byte range " + r + " held " + records
                        + " records but its line breaks counted " + (firstRow[r + 1] - firstRow[r]));
            }
        }
        if (progress != null) {
            progress.finish();
        }
        ParseIssueCollector all = issues[0];
        for (int r = 1; r < ranges; r++) {
            all.addAll(issues[r]);
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        for (int i = 0; i < width; i++) {
            String name = header.get(i);
            columns.put(name, switch (types[i]) {
                case NUMERIC -> new NumericColumn(name, (double[]) arrays[i]);
                case TIMESTAMP -> new TimestampColumn(name, (long[]) arrays[i]);
                case CATEGORICAL -> mergedCategorical(name, (int[]) arrays[i], builders, i, firstRow);
                case STRING -> concatText(name, builders, i);
            });
        }
        return new ColumnBatch(source, rows, columns, all.build(source));
    }

    /** Parses one range into its builders; returns its record count. */
    private static long parseRange(CsvRecordScanner scanner, ColumnBuilder[] builders, List<String> header,
                                   long rowsBefore, ParseIssueCollector issues, ProgressRelay progress)
            throws IOException {
        int[] kinds = CsvRecords.kinds(builders);
        long records = 0;
        long unreported = 0;
        while (scanner.next()) {
            records++;
            CsvRecords.appendRecord(scanner, builders, kinds, header, rowsBefore + records, issues, null);
            if (progress != null && ++unreported == PROGRESS_FLUSH_ROWS) {
                progress.add(unreported);
                unreported = 0;
            }
        }
        if (progress != null && unreported > 0) {
            progress.add(unreported);
        }
        return records;
    }

    /**
     * The column with one dictionary: the first range's, extended in range order by the values each later range
     * saw first, which is the first-seen order of one pass; the later ranges' codes are mapped to it in place.
     */
    private static CategoricalColumn mergedCategorical(String name, int[] codes, ColumnBuilder[][] builders,
                                                       int column, long[] firstRow) {
        ByteDictionary merged = ((CategoricalBuilder) builders[0][column]).dictionary();
        for (int r = 1; r < builders.length; r++) {
            ByteDictionary own = ((CategoricalBuilder) builders[r][column]).dictionary();
            int[] map = new int[own.size()];
            if (!own.mapInto(merged, map, 0, map.length)) {
                CategoricalBuilder.remap(codes, (int) firstRow[r], (int) firstRow[r + 1], map);
            }
        }
        return new CategoricalColumn(name, merged.values(), codes);
    }

    /** The text column of all ranges (its bytes and offsets are copied once more: a few bytes per row). */
    private static StringColumn concatText(String name, ColumnBuilder[][] builders, int column) {
        List<StringColumn> parts = new ArrayList<>(builders.length);
        for (ColumnBuilder[] range : builders) {
            parts.add((StringColumn) range[column].take(name));
        }
        return StringColumn.concat(name, parts);
    }

    /**
     * Range boundaries: {@code dataStart}, then for each further range the position after the first line feed
     * at or after an equal share of the data, then {@code size}. Empty ranges (a line longer than a share) are
     * dropped.
     */
    static long[] rangeBounds(FileChannel channel, long dataStart, long size, int ranges) throws IOException {
        List<Long> bounds = new ArrayList<>();
        bounds.add(dataStart);
        long share = (size - dataStart) / ranges;
        for (int r = 1; r < ranges && share > 0; r++) {
            long from = Math.max(dataStart + r * share - 1, bounds.get(bounds.size() - 1));
            long found = afterLineFeed(channel, from, size);
            long cut = found < 0 ? size : found;
            if (cut > bounds.get(bounds.size() - 1) && cut < size) {
                bounds.add(cut);
            }
        }
        bounds.add(size);
        long[] out = new long[bounds.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bounds.get(i);
        }
        return out;
    }

    /** The position right after the first line feed in bytes {@code [from, limit)} of the file; -1 when none. */
    static long afterLineFeed(FileChannel channel, long from, long limit) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 12);
        for (long p = from; p < limit; ) {
            buf.clear().limit((int) Math.min(buf.capacity(), limit - p));
            int n = channel.read(buf, p);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) == '\n') {
                    return p + i + 1;
                }
            }
            p += n;
        }
        return -1;
    }

    /** The records in a range that starts after a line break, and whether it holds a quote character. */
    record RecordCount(long records, boolean quoted) {
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
    private static final long LFS = ONES * '\n';
    private static final long CRS = ONES * '\r';
    private static final long QUOTES = ONES * '"';

    /**
     * Counts record starts (a byte other than CR or LF right after a CR or LF, or at the range start) eight
     * bytes at a time. {@code ~(((x & 0x7F..) + 0x7F..) | x | 0x7F..)} sets the high bit of exactly the zero
     * bytes of {@code x} (no carry crosses a byte), so {@code x = word ^ pattern} marks the bytes equal to the
     * pattern's byte.
     */
    static RecordCount countRecords(FileChannel channel, long start, long end) throws IOException {
        byte[] b = new byte[SCAN_BUFFER_BYTES];
        ByteBuffer wrapped = ByteBuffer.wrap(b);
        long records = 0;
        long quotes = 0;
        boolean afterBreak = true;
        for (long p = start; p < end; ) {
            wrapped.clear().limit((int) Math.min(b.length, end - p));
            int n = channel.read(wrapped, p);
            if (n <= 0) {
                break;
            }
            p += n;
            int i = 0;
            for (; i + 8 <= n; i += 8) {
                long w = (long) LONGS.get(b, i);
                long breaks = zeroBytes(w ^ LFS) | zeroBytes(w ^ CRS);
                long starts = ~breaks & (breaks << 8 | (afterBreak ? 0x80L : 0L)) & ~LOWS;
                records += Long.bitCount(starts);
                quotes |= zeroBytes(w ^ QUOTES);
                afterBreak = breaks < 0;
            }
            for (; i < n; i++) {
                byte c = b[i];
                boolean isBreak = c == '\n' || c == '\r';
                if (!isBreak && afterBreak) {
                    records++;
                }
                quotes |= c == '"' ? 1 : 0;
                afterBreak = isBreak;
            }
        }
        return new RecordCount(records, quotes != 0);
    }

    private static long zeroBytes(long x) {
        return ~(((x & LOWS) + LOWS) | x | LOWS);
    }

    private static boolean isGzip(FileChannel channel) throws IOException {
        ByteBuffer magic = ByteBuffer.allocate(2);
        while (magic.hasRemaining() && channel.read(magic, magic.position()) > 0) {
            // positional reads until two bytes or the end of the file
        }
        return magic.position() == 2 && (magic.get(0) & 0xff) == 0x1f && (magic.get(1) & 0xff) == 0x8b;
    }

    static <T> T await(Future<T> future, String source) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException(source + ": interrupted while reading", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new InputException(source + ": cannot read: " + cause.getMessage(), cause);
        }
    }

    /** Bytes {@code [start, end)} of a file, by positional reads (several streams share one channel). */
    static final class RangeInputStream extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        RangeInputStream(FileChannel channel, long start, long end) {
            this.channel = channel;
            this.position = start;
            this.end = end;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }
    }

    /**
     * Rows read by all ranges, handed to the listener as one read would: every multiple of the interval, in
     * order and one call at a time, then the total when it is not a multiple.
     */
    private static final class ProgressRelay {
        private final long every;
        private final LongConsumer listener;
        private long rows;
        private long reported;

        ProgressRelay(long every, LongConsumer listener) {
            this.every = every;
            this.listener = listener;
        }

        synchronized void add(long more) {
            rows += more;
            while (reported + every <= rows) {
                reported += every;
                listener.accept(reported);
            }
        }

        synchronized void finish() {
            if (rows % every != 0) {
                listener.accept(rows);
            }
        }
    }
}
