package io.modelwatch.core.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReaderTest {

    @TempDir
    Path dir;

    private static final TableSchema SCHEMA = TableSchema.of(Map.of(
            "id", ColumnType.STRING,
            "x", ColumnType.NUMERIC,
            "ts", ColumnType.TIMESTAMP,
            "cat", ColumnType.CATEGORICAL), false);

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static List<String> values(CategoricalColumn c) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            out.add(c.get(i));
        }
        return out;
    }

    /** Tiny buffers force records across refills and buffer growth. */
    @ParameterizedTest
    @ValueSource(ints = {64, 65, 100, CsvReader.DEFAULT_BUFFER_BYTES})
    void quotedFieldsKeepCommasDoubledQuotesAndLineBreaks(int bufferBytes) throws IOException {
        String longText = "y".repeat(300);
        Path file = write("q.csv", "id,cat,x\n"
                + "a,\"x,y\",1\n"
                + "b,\"he said \"\"hi\"\"\",2\n"
                + "c,\"two\nlines\",3\n"
                + "d,\"crlf\r\ninside\",4\r\n"
                + "e,\"\",5\n"
                + "f,\"" + longText + "\",6\n"
                + "g,\"\"\"\",7\n"
                + "h,plain,\"8\"");
        ColumnBatch batch = CsvReader.withDefaults().withBufferSize(bufferBytes).read(file, SCHEMA);

        assertThat(batch.rowCount()).isEqualTo(8);
        assertThat(values((CategoricalColumn) batch.column("cat"))).containsExactly(
                "x,y", "he said \"hi\"", "two\nlines", "crlf\r\ninside", null, longText, "\"", "plain");
        assertThat(((NumericColumn) batch.column("x")).values()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(batch.parseReport().isClean()).isTrue();
    }

    @Test
    void emptyCellsAreNullInEveryType() throws IOException {
        Path file = write("e.csv", "id,x,ts,cat\n,,,\nb,1.5,2026-11-28,u\n");
        ColumnBatch batch = CsvReader.withDefaults().read(file, SCHEMA);

        assertThat(batch.rowCount()).isEqualTo(2);
        for (String name : List.of("id", "x", "ts", "cat")) {
            assertThat(batch.column(name).isNull(0)).as(name).isTrue();
            assertThat(batch.column(name).isNull(1)).as(name).isFalse();
            assertThat(batch.column(name).nullCount()).as(name).isEqualTo(1);
        }
        assertThat(batch.parseReport().isClean()).isTrue();
    }

    @Test
    void badNumbersAreNullAndCountedWithRowNumbersAndText() throws IOException {
        StringBuilder csv = new StringBuilder("id,x\n");
        for (int i = 1; i <= 10; i++) {
            csv.append("r").append(i).append(',').append(i % 2 == 0 ? "n/a" + i : Integer.toString(i)).append('\n');
        }
        ColumnBatch batch = CsvReader.withDefaults().read(write("b.csv", csv.toString()), SCHEMA);

        NumericColumn x = (NumericColumn) batch.column("x");
        assertThat(x.get(0)).isEqualTo(1.0);
        assertThat(x.get(1)).isNaN(); // not 0
        assertThat(x.nullCount()).isEqualTo(5);
        ParseReport.ColumnParseIssues issues = batch.parseReport().badCells().get("x");
        assertThat(issues.count()).isEqualTo(5);
        assertThat(issues.expected()).isEqualTo("number");
        assertThat(issues.examples()).containsExactly(
                new ParseReport.CellExample(2, "n/a2"), new ParseReport.CellExample(4, "n/a4"),
                new ParseReport.CellExample(6, "n/a6"), new ParseReport.CellExample(8, "n/a8"),
                new ParseReport.CellExample(10, "n/a10"));
        assertThat(batch.parseReport().badCells()).doesNotContainKey("id");
    }

    @Test
    void numbersAcceptSignsExponentsAndSurroundingBlanks() throws IOException {
        ColumnBatch batch = CsvReader.withDefaults().read(
                write("n.csv", "x\n-1.5\n+2\n1e3\n .5 \n0.1\n1,\n"), TableSchema.of(Map.of("x", ColumnType.NUMERIC), false));
        assertThat(((NumericColumn) batch.column("x")).values()).containsExactly(-1.5, 2, 1000, 0.5, 0.1, 1);
        assertThat(batch.parseReport().badCells()).isEmpty();
        assertThat(batch.parseReport().malformedRows().count()).isEqualTo(1);
    }

    @Test
    void timestampsInIsoFormsAndBadOnesCounted() throws IOException {
        Path file = write("t.csv", "ts\n2026-11-28T04:00:00Z\n2026-11-28T06:00:00+02:00\n2026-11-28\n"
                + "2026-11-28T04:00:00.250Z\n2026-11-28 04:00:00\n2026-11-28T04:00Z\n"
                + "2026-02-30\nyesterday\n2026-11-28T25:00:00Z\n");
        ColumnBatch batch = CsvReader.withDefaults().read(file, SCHEMA);

        long[] t = ((TimestampColumn) batch.column("ts")).epochMillis();
        long four = Instant.parse("2026-11-28T04:00:00Z").toEpochMilli();
        assertThat(t[0]).isEqualTo(four);
        assertThat(t[1]).isEqualTo(four);
        assertThat(t[2]).isEqualTo(Instant.parse("2026-11-28T00:00:00Z").toEpochMilli());
        assertThat(t[3]).isEqualTo(four + 250);
        assertThat(t[4]).isEqualTo(four);
        assertThat(t[5]).isEqualTo(four);
        assertThat(t[6]).isEqualTo(TimestampColumn.NULL_VALUE);
        assertThat(t[7]).isEqualTo(TimestampColumn.NULL_VALUE);
        assertThat(t[8]).isEqualTo(TimestampColumn.NULL_VALUE);
        ParseReport.ColumnParseIssues issues = batch.parseReport().badCells().get("ts");
        assertThat(issues.count()).isEqualTo(3);
        assertThat(issues.examples()).extracting(ParseReport.CellExample::row).containsExactly(7L, 8L, 9L);
        assertThat(issues.examples().get(1).text()).isEqualTo("yesterday");
    }

    @Test
    void handParsedDatesAgreeWithJavaTimeAcrossCenturies() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long day = random.nextInt(200_000) - 100_000; // about 1696 to 2243
            java.time.LocalDate date = java.time.LocalDate.ofEpochDay(day);
            byte[] text = date.toString().getBytes(StandardCharsets.US_ASCII);
            assertThat(IsoTimestamps.parse(text, 0, text.length)).as(date.toString()).isEqualTo(day * 86_400_000L);
        }
    }

    @Test
    void rowsWithTheWrongFieldCountAreCountedAndPadded() throws IOException {
        Path file = write("w.csv", "id,x,cat\na,1,u\nb,2\nc,3,v,extra,more\nd,4,w\n");
        ColumnBatch batch = CsvReader.withDefaults().read(file, SCHEMA);

        assertThat(batch.rowCount()).isEqualTo(4);
        assertThat(batch.parseReport().malformedRows().count()).isEqualTo(2);
        assertThat(batch.parseReport().malformedRows().exampleRows()).containsExactly(2L, 3L);
        assertThat(values((CategoricalColumn) batch.column("cat"))).containsExactly("u", null, "v", "w");
        assertThat(((NumericColumn) batch.column("x")).values()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void emptyFileIsAnErrorNamingTheFile() throws IOException {
        Path file = write("empty.csv", "");
        assertThatThrownBy(() -> CsvReader.withDefaults().read(file, SCHEMA))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("empty.csv")
                .hasMessageContaining("header");
    }

    @Test
    void blankLinesOnlyCountAsEmpty() throws IOException {
        Path file = write("blank.csv", "\n\r\n\n");
        assertThatThrownBy(() -> CsvReader.withDefaults().read(file, SCHEMA))
                .isInstanceOf(InputException.class).hasMessageContaining("blank.csv");
    }

    @Test
    void headerWithoutANameOrWithADuplicateIsAnError() throws IOException {
        Path noName = write("noname.csv", "id,,x\n1,2,3\n");
        assertThatThrownBy(() -> CsvReader.withDefaults().read(noName, SCHEMA))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("noname.csv").hasMessageContaining("column 2");
        Path twice = write("twice.csv", "id,x,x\n1,2,3\n");
        assertThatThrownBy(() -> CsvReader.withDefaults().read(twice, SCHEMA))
                .isInstanceOf(InputException.class).hasMessageContaining("'x' twice");
    }

    @Test
    void headerOnlyGivesAnEmptyBatchWithTheColumns() throws IOException {
        ColumnBatch batch = CsvReader.withDefaults().read(write("h.csv", "id,x,ts,cat\n"), SCHEMA);
        assertThat(batch.rowCount()).isZero();
        assertThat(batch.columnNames()).containsExactly("id", "x", "ts", "cat");
        assertThat(batch.column("x")).isInstanceOf(NumericColumn.class);
    }

    @Test
    void missingFileIsAnErrorNamingTheFile() {
        Path file = dir.resolve("nowhere.csv");
        assertThatThrownBy(() -> CsvReader.withDefaults().read(file, SCHEMA))
                .isInstanceOf(InputException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nowhere.csv").hasMessageContaining("no such file");
    }

    @Test
    void unterminatedQuoteIsAnErrorWithTheRow() throws IOException {
        Path file = write("u.csv", "id,cat\na,ok\nb,\"never closed\n");
        assertThatThrownBy(() -> CsvReader.withDefaults().read(file, SCHEMA))
                .isInstanceOf(InputException.class).hasMessageContaining("u.csv").hasMessageContaining("row 2");
    }

    @Test
    void byteOrderMarkCrLfAndMissingFinalNewline() throws IOException {
        Path file = write("bom.csv", "\uFEFFid,x\r\na,1\r\nb,2");
        ColumnBatch batch = CsvReader.withDefaults().read(file, SCHEMA);
        assertThat(batch.columnNames()).containsExactly("id", "x");
        assertThat(((StringColumn) batch.column("id")).values()).containsExactly("a", "b");
        assertThat(((NumericColumn) batch.column("x")).values()).containsExactly(1, 2);
    }

    @Test
    void gzipFilesAreRecognisedByTheirMagicBytes() throws IOException {
        Path file = dir.resolve("data.csv.gz");
        try (Writer w = new java.io.OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)),
                StandardCharsets.UTF_8)) {
            w.write("id,x,cat\na,1.25,u\nb,,v\n");
        }
        ColumnBatch batch = CsvReader.withDefaults().read(file, SCHEMA);
        assertThat(batch.rowCount()).isEqualTo(2);
        assertThat(((NumericColumn) batch.column("x")).get(0)).isEqualTo(1.25);
        assertThat(batch.column("x").isNull(1)).isTrue();
    }

    @Test
    void unlistedColumnsAreCategoricalUnlessSniffed() throws IOException {
        Path file = write("x.csv", "id,x,extra,when,mixed,blank\na,1,10,2026-01-01,1,\nb,2,20,2026-01-02,two,\n");

        ColumnBatch listed = CsvReader.withDefaults().read(file, SCHEMA);
        assertThat(listed.column("extra")).isInstanceOf(CategoricalColumn.class);
        assertThat(values((CategoricalColumn) listed.column("extra"))).containsExactly("10", "20");

        ColumnBatch sniffed = CsvReader.withDefaults().read(file, TableSchema.sniffAll());
        assertThat(sniffed.column("id")).isInstanceOf(CategoricalColumn.class);
        assertThat(sniffed.column("x")).isInstanceOf(NumericColumn.class);
        assertThat(sniffed.column("extra")).isInstanceOf(NumericColumn.class);
        assertThat(sniffed.column("when")).isInstanceOf(TimestampColumn.class);
        // "1" then "two": numeric at first, re-read as categorical with the original text.
        assertThat(values((CategoricalColumn) sniffed.column("mixed"))).containsExactly("1", "two");
        assertThat(sniffed.column("blank")).isInstanceOf(CategoricalColumn.class);
        assertThat(sniffed.column("blank").nullCount()).isEqualTo(2);
        assertThat(sniffed.parseReport().isClean()).isTrue();
    }

    @Test
    void sniffingWaitsForTheFirstNonEmptyCell() throws IOException {
        ColumnBatch batch = CsvReader.withDefaults().read(write("late.csv", "a,b\n,x\n\"\",y\n4.5,z\n"),
                TableSchema.sniffAll());
        assertThat(batch.column("a")).isInstanceOf(NumericColumn.class);
        assertThat(((NumericColumn) batch.column("a")).values()).containsExactly(Double.NaN, Double.NaN, 4.5);
    }

    @Test
    void streamGivesChunksWithSharedCodesAndFileRowNumbers() throws IOException {
        StringBuilder csv = new StringBuilder("id,x,cat\n");
        for (int i = 1; i <= 25; i++) {
            csv.append("r").append(i).append(',').append(i == 17 ? "bad" : Integer.toString(i)).append(',')
                    .append(i <= 10 ? "early" : "late").append('\n');
        }
        Path file = write("s.csv", csv.toString());
        List<ColumnBatch> chunks = new ArrayList<>();
        List<Long> progress = new ArrayList<>();
        CsvReader.Summary summary = CsvReader.withDefaults().withProgress(10, progress::add)
                .stream(file, SCHEMA, 10, chunks::add);

        assertThat(chunks).extracting(ColumnBatch::rowCount).containsExactly(10, 10, 5);
        assertThat(summary.rowCount()).isEqualTo(25);
        assertThat(summary.columnTypes()).containsEntry("x", ColumnType.NUMERIC).containsEntry("cat", ColumnType.CATEGORICAL);
        assertThat(progress).containsExactly(10L, 20L, 25L);
        CategoricalColumn first = (CategoricalColumn) chunks.get(0).column("cat");
        CategoricalColumn second = (CategoricalColumn) chunks.get(1).column("cat");
        assertThat(first.dictionary()).containsExactly("early");
        assertThat(second.dictionary()).containsExactly("early", "late");
        assertThat(second.codes()[0]).isEqualTo(1);
        assertThat(chunks.get(0).parseReport().isClean()).isTrue();
        assertThat(chunks.get(1).parseReport().badCells().get("x").examples())
                .containsExactly(new ParseReport.CellExample(17, "bad"));
        assertThat(summary.parseReport().badCells().get("x").count()).isEqualTo(1);
    }

    @Test
    void streamSniffsTypesOverTheWholeFileFirst() throws IOException {
        Path file = write("ss.csv", "a,b\n1,x\n2,y\n3,z\nfour,w\n");
        List<ColumnBatch> chunks = new ArrayList<>();
        CsvReader.Summary summary = CsvReader.withDefaults().stream(file, TableSchema.sniffAll(), 2, chunks::add);
        assertThat(summary.columnTypes()).containsEntry("a", ColumnType.CATEGORICAL);
        assertThat(chunks).allSatisfy(c -> assertThat(c.column("a")).isInstanceOf(CategoricalColumn.class));
        assertThat(values((CategoricalColumn) chunks.get(1).column("a"))).containsExactly("3", "four");
    }

    @Test
    void twoHundredThousandRowsRoundTrip() throws IOException {
        int n = 200_000;
        Random random = new Random(42);
        String[] cats = {"Month-to-month", "One year", "Two year, paid", "quote\"d"};
        double[] xs = new double[n];
        int[] catIndex = new int[n];
        long[] ts = new long[n];
        long start = Instant.parse("2026-11-28T00:00:00Z").toEpochMilli();
        Path file = dir.resolve("big.csv.gz");
        try (Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8))) {
            w.write("customer_id,x,cat,ts\n");
            for (int i = 0; i < n; i++) {
                xs[i] = i % 1000 == 0 ? Double.NaN : random.nextGaussian() * 100;
                catIndex[i] = random.nextInt(cats.length);
                ts[i] = start + i * 1000L;
                String cat = cats[catIndex[i]];
                String quoted = cat.contains(",") || cat.contains("\"") ? '"' + cat.replace("\"", "\"\"") + '"' : cat;
                w.write("C" + i + "," + (Double.isNaN(xs[i]) ? "" : Double.toString(xs[i])) + "," + quoted + ","
                        + Instant.ofEpochMilli(ts[i]) + "\n");
            }
        }
        TableSchema schema = TableSchema.of(Map.of("customer_id", ColumnType.STRING, "x", ColumnType.NUMERIC,
                "cat", ColumnType.CATEGORICAL, "ts", ColumnType.TIMESTAMP), false);
        ColumnBatch batch = CsvReader.withDefaults().read(file, schema);

        assertThat(batch.rowCount()).isEqualTo(n);
        assertThat(batch.parseReport().isClean()).isTrue();
        double[] x = ((NumericColumn) batch.column("x")).values();
        CategoricalColumn cat = (CategoricalColumn) batch.column("cat");
        long[] t = ((TimestampColumn) batch.column("ts")).epochMillis();
        String[] ids = ((StringColumn) batch.column("customer_id")).values();
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(xs[i])) {
                assertThat(x[i]).isNaN();
            } else if (x[i] != xs[i]) {
                assertThat(x[i]).as("row %d", i + 1).isEqualTo(xs[i]); // Double.toString round-trips exactly
            }
            if (!cats[catIndex[i]].equals(cat.get(i))) {
                assertThat(cat.get(i)).as("row %d", i + 1).isEqualTo(cats[catIndex[i]]);
            }
            if (t[i] != ts[i] || !ids[i].equals("C" + i)) {
                assertThat(t[i]).isEqualTo(ts[i]);
                assertThat(ids[i]).isEqualTo("C" + i);
            }
        }
        assertThat(cat.dictionary()).hasSize(cats.length);
        assertThat(batch.column("x").nullCount()).isEqualTo(n / 1000);
    }

    /** Prints MB/s on a churn-shaped file; informative only, not an assertion (the machine is shared). */
    @Test
    void throughputPrint() throws IOException {
        int n = 300_000;
        Random random = new Random(1);
        Path file = dir.resolve("speed.csv");
        String[] contracts = {"Month-to-month", "One year", "Two year"};
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("customer_id,prediction_timestamp,churn_probability,churn_class,contract_type,"
                    + "monthly_charges,total_charges,account_age,region\n");
            for (int i = 0; i < n; i++) {
                double p = random.nextDouble();
                w.write("CUST-" + i + ",2026-11-28T04:00:00Z," + p + "," + (p >= 0.5 ? 1 : 0) + ","
                        + contracts[random.nextInt(3)] + "," + (18 + random.nextDouble() * 200) + ","
                        + random.nextDouble() * 30000 + "," + (1 + random.nextInt(120)) + ",North\n");
            }
        }
        TableSchema schema = TableSchema.of(Map.of("customer_id", ColumnType.STRING,
                "prediction_timestamp", ColumnType.TIMESTAMP, "churn_probability", ColumnType.NUMERIC,
                "churn_class", ColumnType.NUMERIC, "monthly_charges", ColumnType.NUMERIC,
                "total_charges", ColumnType.NUMERIC, "account_age", ColumnType.NUMERIC), false);
        double megabytes = Files.size(file) / 1e6;
        CsvReader reader = CsvReader.withDefaults();
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            ColumnBatch batch = reader.read(file, schema);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(batch.rowCount()).isEqualTo(n);
            System.out.printf("CsvReader throughput: %.1f MB in %.3f s = %.0f MB/s (round %d)%n",
                    megabytes, seconds, megabytes / seconds, round + 1);
        }
    }

    @Test
    void readingTheGoldenGzipDataGivesItsRowCount() throws Exception {
        Path file = Path.of(getClass().getResource("/golden/data/num_n50000_lognormal.csv.gz").toURI());
        ColumnBatch batch = CsvReader.withDefaults().read(file, TableSchema.sniffAll());
        assertThat(batch.columnNames()).containsExactly("sample", "value");
        assertThat(batch.column("value")).isInstanceOf(NumericColumn.class);
        assertThat(batch.parseReport().isClean()).isTrue();
        assertThat(batch.rowCount()).isEqualTo(100_000); // 50,000 reference + 50,000 current (make_golden.py)
        CategoricalColumn sample = (CategoricalColumn) batch.column("sample");
        assertThat(sample.dictionary()).containsExactly("reference", "current");
        assertThat(sample.counts()).containsExactly(50_000L, 50_000L);
        assertThat(((NumericColumn) batch.column("value")).get(0)).isEqualTo(17.2236);
    }
}
