package io.modelwatch.core.data;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A parallel read against a read on one thread of the same file: every column (values, nulls, types,
 * dictionary order and codes), the row count, the parse report with its row numbers, and the progress calls.
 */
class ParallelCsvReadTest {

    @TempDir
    Path dir;

    static final TableSchema CHURN = TableSchema.forConfig(ConfigLoader.defaults());
    static final int CHURN_ROWS = 12_000;

    /** Generated churn rows (with their nulls), with bad cells and short and long rows in the later ranges. */
    private Path churnWithBadRows() throws IOException {
        Path file = dir.resolve("churn.csv");
        Files.writeString(file, String.join("\n", churnLinesWithBadRows()) + "\n");
        return file;
    }

    /** The lines of {@link #churnWithBadRows()}: {@code get(k)} is data row k (the header is line 0). */
    static List<String> churnLinesWithBadRows() throws IOException {
        StringWriter out = new StringWriter();
        ChurnDataGenerator.of(Scenario.DRIFT, LocalDate.of(2026, 11, 27), "C").write(out, CHURN_ROWS, 11);
        List<String> lines = new ArrayList<>(List.of(out.toString().split("\n")));
        // lines.get(k) is data row k (the header is line 0)
        lines.set(7001, lines.get(7001).replaceFirst(",0\\.\\d+,", ",not-a-probability,"));
        lines.set(9000, lines.get(9000).replaceFirst("T\\d\\d:\\d\\d:\\d\\dZ", "T99:00:00Z"));
        lines.set(9500, "C9500,2026-11-27T00:00:00Z,0.5");
        lines.set(11000, lines.get(11000) + ",extra");
        for (int row = 10_001; row < 10_020; row++) {
            lines.set(row, lines.get(row).replaceFirst(",\\d+\\.\\d+,", ",x" + row + ","));
        }
        return lines;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 7})
    void generatedChurnDataReadsTheSameOnAnyNumberOfThreads(int threads) throws IOException {
        Path file = churnWithBadRows();
        ColumnBatch single = CsvReader.withDefaults().withThreads(1).read(file, CHURN);
        ColumnBatch parallel = ParallelCsvRead.read(file, CHURN, threads, 0, CsvReader.DEFAULT_BUFFER_BYTES, 0, null);

        assertThat(parallel).as("read in parallel").isNotNull();
        assertSameBatch(parallel, single);
        assertThat(single.rowCount()).isEqualTo(CHURN_ROWS);
        assertThat(single.parseReport().malformedRows().exampleRows()).containsExactly(9500L, 11000L);
        assertThat(single.parseReport().badCells().get("churn_probability").examples().get(0).row()).isEqualTo(7001);
        assertThat(single.parseReport().badCells().get("prediction_timestamp").examples().get(0).row()).isEqualTo(9000);
        assertThat(single.column("customer_id").nullCount()).isZero();
        assertThat(single.column("monthly_charges").nullCount()).as("the generator writes nulls").isPositive();
        assertThat(CsvReader.withDefaults().withThreads(threads).withParallelMinBytes(0).read(file, CHURN))
                .satisfies(b -> assertSameBatch(b, single));
    }

    @Test
    void smallBuffersAndManyRangesStillMatch() throws IOException {
        Path file = churnWithBadRows();
        ColumnBatch single = CsvReader.withDefaults().withThreads(1).read(file, CHURN);
        ColumnBatch parallel = ParallelCsvRead.read(file, CHURN, 16, 0, 64, 0, null);
        assertThat(parallel).isNotNull();
        assertSameBatch(parallel, single);
    }

    @Test
    void categoriesFirstSeenInLaterRangesKeepTheFirstSeenOrderOfTheFile() throws IOException {
        StringBuilder csv = new StringBuilder("id,cat,x\n");
        for (int i = 0; i < 6000; i++) {
            // new values keep appearing, and old ones come back in another order
            String cat = i % 3 == 0 ? "new" + (i / 7) : i % 3 == 1 ? "old" + ((6000 - i) % 50) : "";
            csv.append("r").append(i).append(',').append(cat).append(',').append(i % 11 == 0 ? "" : i * 0.25)
                    .append('\n');
        }
        Path file = dir.resolve("cats.csv");
        Files.writeString(file, csv);
        TableSchema schema = TableSchema.of(Map.of("id", ColumnType.STRING, "x", ColumnType.NUMERIC), false);
        ColumnBatch single = CsvReader.withDefaults().withThreads(1).read(file, schema);
        for (int threads : new int[] {2, 3, 5}) {
            ColumnBatch parallel = ParallelCsvRead.read(file, schema, threads, 0, 4096, 0, null);
            assertThat(parallel).isNotNull();
            assertSameBatch(parallel, single);
        }
    }

    @Test
    void crlfBlankLinesByteOrderMarkAndNoFinalLineBreakMatch() throws IOException {
        StringBuilder csv = new StringBuilder("\uFEFFid,x,ts,cat\r\n");
        for (int i = 0; i < 3000; i++) {
            csv.append("id").append(i).append(',').append(i % 13 == 0 ? "bad" : String.valueOf(i)).append(',')
                    .append("2026-11-27").append(',').append("c").append(i % 4);
            csv.append(i % 97 == 0 ? "\r\n\r\n" : i % 89 == 0 ? "\n\n\n" : "\r\n");
        }
        csv.append("last,1,2026-11-28,c9");
        Path file = dir.resolve("crlf.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        TableSchema schema = TableSchema.of(Map.of("id", ColumnType.STRING, "x", ColumnType.NUMERIC,
                "ts", ColumnType.TIMESTAMP, "cat", ColumnType.CATEGORICAL), false);
        ColumnBatch single = CsvReader.withDefaults().withThreads(1).read(file, schema);
        assertThat(single.rowCount()).isEqualTo(3001);
        for (int threads = 2; threads <= 6; threads++) {
            ColumnBatch parallel = ParallelCsvRead.read(file, schema, threads, 0, 256, 0, null);
            assertThat(parallel).isNotNull();
            assertSameBatch(parallel, single);
        }
    }

    @Test
    void aQuotedFieldWithALineBreakFallsBackToOneThreadAndReadsTheSame() throws IOException {
        StringBuilder csv = new StringBuilder("id,x,cat\n");
        for (int i = 0; i < 4000; i++) {
            String cat = i == 3000 ? "\"two\nlines, and a comma\"" : i == 3500 ? "\"say \"\"hi\"\"\"" : "c" + (i % 5);
            csv.append("id").append(i).append(',').append(i).append(',').append(cat).append('\n');
        }
        Path file = dir.resolve("quoted.csv");
        Files.writeString(file, csv);
        TableSchema schema = TableSchema.of(Map.of("id", ColumnType.STRING, "x", ColumnType.NUMERIC), false);

        assertThat(ParallelCsvRead.read(file, schema, 4, 0, 4096, 0, null)).as("not read in parallel").isNull();
        ColumnBatch single = CsvReader.withDefaults().withThreads(1).read(file, schema);
        ColumnBatch parallelReader = CsvReader.withDefaults().withThreads(4).withParallelMinBytes(0).read(file, schema);
        assertSameBatch(parallelReader, single);
        assertThat(single.rowCount()).isEqualTo(4000);
        assertThat(((CategoricalColumn) single.column("cat")).get(3000)).isEqualTo("two\nlines, and a comma");
        assertThat(((StringColumn) single.column("id")).get(3999)).isEqualTo("id3999");
    }

    @Test
    void progressCallsAreTheSameNumbersInTheSameOrder() throws IOException {
        Path file = churnWithBadRows();
        for (long every : new long[] {1000, 4000, 3001, CHURN_ROWS}) {
            List<Long> single = new ArrayList<>();
            List<Long> parallel = Collections.synchronizedList(new ArrayList<>());
            CsvReader.withDefaults().withThreads(1).withProgress(every, single::add).read(file, CHURN);
            CsvReader.withDefaults().withThreads(3).withParallelMinBytes(0).withProgress(every, parallel::add)
                    .read(file, CHURN);
            assertThat(parallel).as("every %d rows", every).isEqualTo(single);
        }
    }

    @Test
    void gzipSniffedTypesAndSmallFilesAreReadOnOneThread() throws IOException {
        Path file = churnWithBadRows();
        Path gz = dir.resolve("churn.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(file, out);
        }
        assertThat(ParallelCsvRead.read(gz, CHURN, 2, 0, 4096, 0, null)).isNull();
        assertSameBatch(CsvReader.withDefaults().withThreads(2).withParallelMinBytes(0).read(gz, CHURN),
                CsvReader.withDefaults().withThreads(1).read(gz, CHURN));

        assertThat(ParallelCsvRead.read(file, TableSchema.sniffAll(), 2, 0, 4096, 0, null)).isNull();
        assertThat(ParallelCsvRead.read(file, CHURN, 2, Files.size(file) + 1, 4096, 0, null)).isNull();
    }

    @Test
    void errorsAreTheOnesOfAReadOnOneThread() throws IOException {
        Path missing = dir.resolve("missing.csv");
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        Path twice = Files.writeString(dir.resolve("twice.csv"), "a,a\n1,2\n");
        CsvReader parallel = CsvReader.withDefaults().withThreads(2).withParallelMinBytes(0);
        for (Path file : List.of(missing, empty, twice)) {
            String expected = catchMessage(() -> CsvReader.withDefaults().withThreads(1).read(file, CHURN));
            assertThatThrownBy(() -> parallel.read(file, CHURN)).isInstanceOf(InputException.class)
                    .hasMessage(expected);
        }
        Path headerOnly = Files.writeString(dir.resolve("header.csv"), "customer_id,churn_probability\n");
        assertSameBatch(parallel.read(headerOnly, CHURN), CsvReader.withDefaults().withThreads(1).read(headerOnly, CHURN));
    }

    static String catchMessage(Runnable read) {
        try {
            read.run();
        } catch (InputException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected an InputException");
    }

    static void assertSameBatch(ColumnBatch actual, ColumnBatch expected) {
        assertThat(actual.rowCount()).isEqualTo(expected.rowCount());
        assertThat(actual.columnNames()).isEqualTo(expected.columnNames());
        assertThat(actual.parseReport()).isEqualTo(expected.parseReport());
        for (String name : expected.columnNames()) {
            Column a = actual.column(name);
            Column e = expected.column(name);
            assertThat(a.getClass()).as(name).isEqualTo(e.getClass());
            assertThat(a.nullCount()).as(name).isEqualTo(e.nullCount());
            if (e instanceof NumericColumn n) {
                assertThat(((NumericColumn) a).values()).as(name).isEqualTo(n.values());
            } else if (e instanceof TimestampColumn t) {
                assertThat(((TimestampColumn) a).epochMillis()).as(name).isEqualTo(t.epochMillis());
            } else if (e instanceof CategoricalColumn c) {
                assertThat(((CategoricalColumn) a).dictionary()).as(name).isEqualTo(c.dictionary());
                assertThat(((CategoricalColumn) a).codes()).as(name).isEqualTo(c.codes());
            } else if (e instanceof StringColumn s) {
                assertThat(((StringColumn) a).values()).as(name).isEqualTo(s.values());
            }
        }
    }
}
