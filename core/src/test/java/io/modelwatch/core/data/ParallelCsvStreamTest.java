package io.modelwatch.core.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A stream parsed in blocks on several threads against a stream on one thread of the same file, and against the
 * file read whole: the chunks, one after the other, hold the same rows (every column, categorical codes and labels),
 * each chunk's dictionary is the values of the file up to its last row in first-seen order, each chunk's parse
 * issues are its own with file row numbers, the summary is the same, and the sink is called in file order on the
 * calling thread, one chunk at a time. Small blocks force many blocks and several pieces per block.
 */
class ParallelCsvStreamTest {

    @TempDir
    Path dir;

    private static final TableSchema CHURN = ParallelCsvReadTest.CHURN;
    private static final int CHURN_ROWS = ParallelCsvReadTest.CHURN_ROWS;

    /**
     * The churn rows of {@link ParallelCsvReadTest} (with their nulls, bad cells, short and long rows in the later
     * blocks), with one more long row and categories first seen in the later blocks.
     */
    private Path churnWithBadRows() throws IOException {
        List<String> lines = ParallelCsvReadTest.churnLinesWithBadRows();
        int contract = List.of(lines.get(0).split(",")).indexOf("contract_type");
        assertThat(contract).as("the churn table has a contract_type column").isPositive();
        lines.set(11999, lines.get(11999) + ",extra,more");
        for (int row : new int[] {8000, 10500, 10501, 11500}) {
            String[] cells = lines.get(row).split(",", -1);
            cells[contract] = row == 10501 ? "" : "late-" + (row % 1000);
            lines.set(row, String.join(",", cells));
        }
        Path file = dir.resolve("churn.csv");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 7})
    void generatedChurnDataStreamsTheSameOnAnyNumberOfThreads(int threads) throws IOException {
        Path file = churnWithBadRows();
        Expected expected = Expected.of(file, CHURN);
        assertThat(expected.whole().parseReport().malformedRows().exampleRows())
                .containsExactly(9500L, 11000L, 11999L);
        assertThat(((CategoricalColumn) expected.whole().column("contract_type")).dictionary())
                .contains("late-0", "late-500");
        for (int chunkRows : new int[] {7, 1000, 4096, 65_536}) {
            Streamed single = stream(CsvReader.withDefaults().withThreads(1), file, CHURN, chunkRows);
            for (long blockBytes : new long[] {997, 4096, 100_000, CsvReader.DEFAULT_STREAM_BLOCK_BYTES}) {
                Streamed parallel = parallel(file, CHURN, chunkRows, threads, blockBytes);
                assertSameStream(parallel, single, expected, chunkRows);
            }
        }
        Streamed viaReader = stream(CsvReader.withDefaults().withThreads(threads).withParallelMinBytes(0)
                .withStreamBlockBytes(4096), file, CHURN, 1000);
        assertThat(viaReader.chunks().size()).as("blocks of ~24 rows give chunks of ~24 rows").isGreaterThan(100);
        assertSameStream(viaReader, stream(CsvReader.withDefaults().withThreads(1), file, CHURN, 1000), expected, 1000);
    }

    @Test
    void categoriesFirstSeenInLaterBlocksKeepTheFirstSeenOrderOfTheFile() throws IOException {
        StringBuilder csv = new StringBuilder("id,cat,x\n");
        for (int i = 0; i < 6000; i++) {
            // new values keep appearing, and old ones come back in another order
            String cat = i % 3 == 0 ? "new" + (i / 7) : i % 3 == 1 ? "old" + ((6000 - i) % 50) : "";
            csv.append("r").append(i).append(',').append(cat).append(',').append(i % 11 == 0 ? "" : i * 0.25)
                    .append('\n');
        }
        Path file = Files.writeString(dir.resolve("cats.csv"), csv);
        TableSchema schema = TableSchema.of(Map.of("id", ColumnType.STRING, "x", ColumnType.NUMERIC), false);
        Expected expected = Expected.of(file, schema);
        for (int chunkRows : new int[] {1, 50, 333, 6000}) {
            Streamed single = stream(CsvReader.withDefaults().withThreads(1), file, schema, chunkRows);
            for (int threads : new int[] {2, 3, 5}) {
                assertSameStream(parallel(file, schema, chunkRows, threads, 512), single, expected, chunkRows);
            }
        }
    }

    @Test
    void crlfBlankLinesByteOrderMarkAndNoFinalLineBreakMatch() throws IOException {
        StringBuilder csv = new StringBuilder("\uFEFFid,x,ts,cat\r\n");
        for (int i = 0; i < 3000; i++) {
            csv.append("id").append(i).append(',').append(i % 13 == 0 ? "bad" : String.valueOf(i)).append(',')
                    .append(i % 7 == 0 ? "" : "2026-11-27").append(',').append("c").append(i % 4);
            csv.append(i % 97 == 0 ? "\r\n\r\n" : i % 89 == 0 ? "\n\n\n" : "\r\n");
        }
        csv.append("last,1,2026-11-28,c9");
        Path file = Files.writeString(dir.resolve("crlf.csv"), csv);
        TableSchema schema = TableSchema.of(Map.of("id", ColumnType.STRING, "x", ColumnType.NUMERIC,
                "ts", ColumnType.TIMESTAMP, "cat", ColumnType.CATEGORICAL), false);
        Expected expected = Expected.of(file, schema);
        assertThat(expected.whole().rowCount()).isEqualTo(3001);
        for (int chunkRows : new int[] {10, 1000}) {
            Streamed single = stream(CsvReader.withDefaults().withThreads(1), file, schema, chunkRows);
            for (int threads = 2; threads <= 6; threads++) {
                for (long blockBytes : new long[] {1, 100, 2048}) {
                    assertSameStream(parallel(file, schema, chunkRows, threads, blockBytes), single, expected, chunkRows);
                }
            }
        }
    }

    @Test
    void aQuotedFieldIsReadOnOneScannerFromItsBlockOnAndTheStreamIsTheSame() throws IOException {
        StringBuilder csv = new StringBuilder("id,x,cat\n");
        for (int i = 0; i < 4000; i++) {
            String cat = i == 3000 ? "\"two\nlines, and a comma\"" : i == 3500 ? "\"say \"\"hi\"\"\"" : "c" + (i % 5);
            csv.append("id").append(i).append(',').append(i == 3700 ? "oops" : String.valueOf(i)).append(',')
                    .append(cat).append('\n');
        }
        Path file = Files.writeString(dir.resolve("quoted.csv"), csv);
        TableSchema schema = TableSchema.of(Map.of("id", ColumnType.STRING, "x", ColumnType.NUMERIC), false);
        Expected expected = Expected.of(file, schema);
        assertThat(((CategoricalColumn) expected.whole().column("cat")).get(3000)).isEqualTo("two\nlines, and a comma");
        for (int chunkRows : new int[] {64, 1000}) {
            Streamed single = stream(CsvReader.withDefaults().withThreads(1), file, schema, chunkRows);
            for (long blockBytes : new long[] {300, 4096, 1 << 20}) {
                assertSameStream(parallel(file, schema, chunkRows, 3, blockBytes), single, expected, chunkRows);
            }
        }
    }

    @Test
    void anUnterminatedQuoteInALateBlockFailsAsOnOneThread() throws IOException {
        StringBuilder csv = new StringBuilder("id,x\n");
        for (int i = 0; i < 3000; i++) {
            csv.append("id").append(i).append(',').append(i == 2500 ? "\"never closed" : String.valueOf(i))
                    .append('\n');
        }
        Path file = Files.writeString(dir.resolve("open-quote.csv"), csv);
        TableSchema schema = TableSchema.of(Map.of("id", ColumnType.STRING, "x", ColumnType.NUMERIC), false);
        String expected = ParallelCsvReadTest.catchMessage(() -> CsvReader.withDefaults().withThreads(1).stream(file, schema, 100,
                chunk -> { }));
        assertThat(expected).contains("row 2501");
        assertThatThrownBy(() -> ParallelCsvStream.stream(file, schema, 100, chunk -> { }, 3, 0, 1000,
                CsvReader.DEFAULT_BUFFER_BYTES, 0, null)).isInstanceOf(InputException.class).hasMessage(expected);
    }

    @Test
    void aFileWithoutLineFeedsIsReadOnOneScanner() throws IOException {
        StringBuilder csv = new StringBuilder("id,x\r");
        for (int i = 0; i < 2000; i++) {
            csv.append("id").append(i).append(',').append(i % 9 == 0 ? "" : String.valueOf(i)).append('\r');
        }
        Path file = Files.writeString(dir.resolve("cr.csv"), csv);
        TableSchema schema = TableSchema.of(Map.of("id", ColumnType.STRING, "x", ColumnType.NUMERIC), false);
        Expected expected = Expected.of(file, schema);
        assertThat(expected.whole().rowCount()).isEqualTo(2000);
        Streamed single = stream(CsvReader.withDefaults().withThreads(1), file, schema, 300);
        assertSameStream(parallel(file, schema, 300, 2, 64), single, expected, 300);
    }

    @Test
    void progressCallsAreTheSameNumbersInTheSameOrder() throws IOException {
        Path file = churnWithBadRows();
        for (long every : new long[] {1000, 4000, 3001, CHURN_ROWS, 100_000}) {
            List<Long> single = new ArrayList<>();
            List<Long> parallel = Collections.synchronizedList(new ArrayList<>());
            CsvReader.withDefaults().withThreads(1).withProgress(every, single::add)
                    .stream(file, CHURN, 777, chunk -> { });
            CsvReader.withDefaults().withThreads(3).withParallelMinBytes(0).withStreamBlockBytes(5000)
                    .withProgress(every, parallel::add).stream(file, CHURN, 777, chunk -> { });
            assertThat(parallel).as("every %d rows", every).isEqualTo(single);
        }
    }

    @Test
    void gzipSniffedTypesSmallFilesAndAHeaderAloneAreStreamedOnOneThread() throws IOException {
        Path file = churnWithBadRows();
        Path gz = dir.resolve("churn.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(file, out);
        }
        assertThat(ParallelCsvStream.stream(gz, CHURN, 100, chunk -> { }, 2, 0, 4096, 4096, 0, null)).isNull();
        assertThat(ParallelCsvStream.stream(file, TableSchema.sniffAll(), 100, chunk -> { }, 2, 0, 4096, 4096, 0,
                null)).isNull();
        assertThat(ParallelCsvStream.stream(file, CHURN, 100, chunk -> { }, 2, Files.size(file) + 1, 4096, 4096,
                0, null)).isNull();

        Expected expected = Expected.of(file, CHURN);
        Streamed single = stream(CsvReader.withDefaults().withThreads(1), file, CHURN, 500);
        CsvReader parallel = CsvReader.withDefaults().withThreads(2).withParallelMinBytes(0).withStreamBlockBytes(4096);
        assertSameStream(stream(parallel, gz, CHURN, 500), stream(CsvReader.withDefaults().withThreads(1), gz, CHURN,
                500), Expected.of(gz, CHURN), 500);
        assertSameStream(stream(parallel, file, TableSchema.sniffAll(), 500),
                stream(CsvReader.withDefaults().withThreads(1), file, TableSchema.sniffAll(), 500),
                Expected.of(file, TableSchema.sniffAll()), 500);
        assertSameStream(stream(parallel, file, CHURN, 500), single, expected, 500);

        Path headerOnly = Files.writeString(dir.resolve("header.csv"), "customer_id,churn_probability\n");
        Streamed empty = parallel(headerOnly, CHURN, 100, 2, 4096);
        assertThat(empty.chunks()).hasSize(1);
        assertSameStream(empty, stream(CsvReader.withDefaults().withThreads(1), headerOnly, CHURN, 100),
                Expected.of(headerOnly, CHURN), 100);
    }

    @Test
    void errorsAreTheOnesOfAStreamOnOneThread() throws IOException {
        Path missing = dir.resolve("missing.csv");
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        Path twice = Files.writeString(dir.resolve("twice.csv"), "a,a\n1,2\n");
        CsvReader parallel = CsvReader.withDefaults().withThreads(2).withParallelMinBytes(0).withStreamBlockBytes(64);
        for (Path file : List.of(missing, empty, twice)) {
            String expected = ParallelCsvReadTest.catchMessage(() -> CsvReader.withDefaults().withThreads(1).stream(file, CHURN, 10,
                    chunk -> { }));
            assertThatThrownBy(() -> parallel.stream(file, CHURN, 10, chunk -> { })).isInstanceOf(InputException.class)
                    .hasMessage(expected);
        }
    }

    @Test
    void aFailingSinkStopsTheStreamWithItsError() throws IOException {
        Path file = churnWithBadRows();
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> CsvReader.withDefaults().withThreads(3).withParallelMinBytes(0)
                .withStreamBlockBytes(4096).stream(file, CHURN, 100, chunk -> {
                    if (calls.incrementAndGet() == 5) {
                        throw new IllegalStateException("consumer failed");
                    }
                })).isInstanceOf(IllegalStateException.class).hasMessage("consumer failed");
        assertThat(calls.get()).isEqualTo(5);
    }

    /** The chunks handed to a sink, the summary, and whether every call came from the calling thread, alone. */
    record Streamed(List<ColumnBatch> chunks, CsvReader.Summary summary, boolean onCallingThreadAlone) {
    }

    private static Streamed stream(CsvReader reader, Path file, TableSchema schema, int chunkRows) {
        return collect(sink -> reader.stream(file, schema, chunkRows, sink));
    }

    /** A stream that must be parsed in parallel (not handed back to one thread). */
    private static Streamed parallel(Path file, TableSchema schema, int chunkRows, int threads, long blockBytes) {
        Streamed streamed = collect(sink -> ParallelCsvStream.stream(file, schema, chunkRows, sink, threads, 0,
                blockBytes, CsvReader.DEFAULT_BUFFER_BYTES, 0, null));
        assertThat(streamed.summary()).as("streamed in parallel").isNotNull();
        return streamed;
    }

    private static Streamed collect(Function<Consumer<ColumnBatch>, CsvReader.Summary> read) {
        List<ColumnBatch> chunks = new ArrayList<>();
        Thread caller = Thread.currentThread();
        AtomicInteger inside = new AtomicInteger();
        boolean[] alone = {true};
        CsvReader.Summary summary = read.apply(chunk -> {
            alone[0] &= inside.incrementAndGet() == 1 && Thread.currentThread() == caller;
            chunks.add(chunk);
            inside.decrementAndGet();
        });
        return new Streamed(chunks, summary, alone[0]);
    }

    /** The file read whole on one thread, and the parse issues of each row (from one-row chunks). */
    record Expected(ColumnBatch whole, List<ParseReport> perRow) {

        static Expected of(Path file, TableSchema schema) {
            ColumnBatch whole = CsvReader.withDefaults().withThreads(1).read(file, schema);
            List<ParseReport> perRow = new ArrayList<>();
            CsvReader.withDefaults().withThreads(1).stream(file, schema, 1, chunk -> perRow.add(chunk.parseReport()));
            return new Expected(whole, perRow);
        }
    }

    private static void assertSameStream(Streamed actual, Streamed single, Expected expected, int chunkRows) {
        ColumnBatch whole = expected.whole();
        assertThat(actual.onCallingThreadAlone()).as("sink called on the calling thread, one chunk at a time").isTrue();
        assertThat(actual.summary()).as("summary").isEqualTo(single.summary());
        assertThat(actual.summary().rowCount()).isEqualTo(whole.rowCount());
        assertThat(actual.summary().parseReport()).isEqualTo(whole.parseReport());
        int firstRow = 0;
        Map<String, Set<String>> seen = new HashMap<>();
        for (ColumnBatch chunk : actual.chunks()) {
            assertThat(chunk.rowCount()).as("chunk size").isLessThanOrEqualTo(chunkRows);
            assertThat(chunk.rowCount() > 0 || actual.chunks().size() == 1).as("no empty chunk").isTrue();
            assertThat(chunk.columnNames()).isEqualTo(whole.columnNames());
            assertThat(chunk.source()).isEqualTo(whole.source());
            for (String name : whole.columnNames()) {
                assertSameRows(chunk.column(name), whole.column(name), firstRow, seen);
            }
            if (whole.rowCount() > 0) {
                assertThat(chunk.parseReport()).as("issues of rows %d..%d", firstRow + 1, firstRow + chunk.rowCount())
                        .isEqualTo(issuesOf(expected.perRow(), whole.source(), firstRow, chunk.rowCount()));
            }
            firstRow += chunk.rowCount();
        }
        assertThat(firstRow).as("rows of all chunks").isEqualTo(whole.rowCount());
    }

    /**
     * Rows {@code [from, from + n)} of the whole column are the chunk's: numbers, timestamps and text equal;
     * categorical codes equal (the whole read's dictionary is the file's first-seen order, as the stream's) and the
     * chunk's dictionary is exactly the values seen up to its last row, in first-seen order.
     */
    private static void assertSameRows(Column chunk, Column whole, int from, Map<String, Set<String>> seen) {
        String name = whole.name();
        int n = chunk.size();
        assertThat(chunk.getClass()).as(name).isEqualTo(whole.getClass());
        if (whole instanceof NumericColumn w) {
            assertThat(((NumericColumn) chunk).values()).as(name)
                    .isEqualTo(Arrays.copyOfRange(w.values(), from, from + n));
        } else if (whole instanceof TimestampColumn w) {
            assertThat(((TimestampColumn) chunk).epochMillis()).as(name)
                    .isEqualTo(Arrays.copyOfRange(w.epochMillis(), from, from + n));
        } else if (whole instanceof StringColumn w) {
            assertThat(((StringColumn) chunk).values()).as(name)
                    .isEqualTo(Arrays.copyOfRange(w.values(), from, from + n));
        } else if (whole instanceof CategoricalColumn w) {
            CategoricalColumn c = (CategoricalColumn) chunk;
            Set<String> values = seen.computeIfAbsent(name, k -> new LinkedHashSet<>());
            String[] labels = new String[n];
            for (int row = 0; row < n; row++) {
                labels[row] = w.get(from + row);
                if (labels[row] != null) {
                    values.add(labels[row]);
                }
            }
            assertThat(c.dictionary()).as("%s: dictionary up to row %d", name, from + n)
                    .containsExactlyElementsOf(values);
            assertThat(c.codes()).as(name).isEqualTo(Arrays.copyOfRange(w.codes(), from, from + n));
            for (int row = 0; row < n; row++) {
                assertThat(c.get(row)).as(name).isEqualTo(labels[row]);
            }
        }
    }

    /**
     * The issues of rows {@code [from, from + n)} as one chunk of those rows reports them: the one-row chunks of a
     * stream on one thread added up (counts, and the first examples in row order).
     */
    private static ParseReport issuesOf(List<ParseReport> perRow, String source, int from, int n) {
        Map<String, ParseReport.ColumnParseIssues> bad = new HashMap<>();
        long malformed = 0;
        List<Long> malformedExamples = new ArrayList<>();
        for (ParseReport row : perRow.subList(from, from + n)) {
            row.badCells().forEach((column, issues) -> bad.merge(column, issues, (a, b) ->
                    new ParseReport.ColumnParseIssues(column, a.expected(), a.count() + b.count(),
                            Stream.concat(a.examples().stream(), b.examples().stream())
                                    .limit(ParseReport.MAX_EXAMPLES).toList())));
            malformed += row.malformedRows().count();
            for (Long example : row.malformedRows().exampleRows()) {
                if (malformedExamples.size() < ParseReport.MAX_EXAMPLES) {
                    malformedExamples.add(example);
                }
            }
        }
        return new ParseReport(source, bad, new ParseReport.RowIssues(malformed, malformedExamples));
    }
}
