package io.modelwatch.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 *
 * <p>{@link CsvLayout} reads the header, {@link ByteRanges} cuts and counts the ranges; this class parses them
 * on the pool and joins their columns.
 */
final class ParallelCsvRead {

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
            CsvLayout layout = CsvLayout.of(channel, source, schema, minBytes);
            if (layout == null) {
                return null;
            }
            List<String> header = layout.header();
            ColumnType[] types = layout.types();
            long size = layout.size();
            long[] bounds = ByteRanges.bounds(channel, layout.dataStart(), size, threads);
            int ranges = bounds.length - 1;
            ExecutorService pool = Executors.newFixedThreadPool(ranges, task -> {
                Thread t = new Thread(task, "csv-range");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<ByteRanges.RecordCount>> counts = new ArrayList<>();
                for (int r = 0; r < ranges; r++) {
                    long start = bounds[r];
                    long end = bounds[r + 1];
                    counts.add(pool.submit(() -> ByteRanges.countRecords(channel, start, end)));
                }
                long[] firstRow = new long[ranges + 1];
                for (int r = 0; r < ranges; r++) {
                    ByteRanges.RecordCount count = await(counts.get(r), source);
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
}
