package io.modelwatch.core.quality;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.ParseReport;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.data.TimestampColumn;
import io.modelwatch.core.quality.QualityFinding.Kind;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link QualityAccumulator} over chunks equals {@link DataQualityChecker#check} on the whole batch: the
 * reports are compared as records (every count, share, message, example row and value exactly; shares are
 * one division of the same two integers, so no tolerance is needed).
 */
class QualityAccumulatorTest {

    private static final MonitoringConfig CONFIG = ConfigLoader.defaults();
    private static final int[] CHUNK_ROWS = {1, 7, 1000, Integer.MAX_VALUE};

    @TempDir
    Path dir;

    /** Generated days with problems injected, read whole and streamed in chunks as the daily run reads them. */
    @ParameterizedTest
    @CsvSource({"STABLE, 3000, 1", "DRIFT, 2500, 2", "SEGMENT, 1200, 3", "CONCEPT, 40, 4"})
    void streamedChunksEqualTheWholeFile(Scenario scenario, int rows, long seed) throws IOException {
        Path file = dir.resolve("day.csv");
        Files.writeString(file, withProblems(generated(scenario, rows, seed), seed));
        TableSchema schema = TableSchema.forConfig(CONFIG);
        ColumnBatch whole = CsvReader.withDefaults().read(file, schema);
        QualityReport expected = DataQualityChecker.check(whole, CONFIG);
        assertThat(expected.findings()).extracting(QualityFinding::kind).contains(Kind.DUPLICATE_ID,
                Kind.OUT_OF_RANGE, Kind.UNKNOWN_CATEGORY, Kind.UNPARSEABLE_CELLS, Kind.MALFORMED_ROWS,
                Kind.PROBABILITY_OUT_OF_RANGE, Kind.INVALID_LABEL, Kind.REQUIRED_NULLS);

        for (int chunkRows : CHUNK_ROWS) {
            QualityAccumulator acc = QualityAccumulator.of(CONFIG);
            List<ColumnBatch> chunks = new ArrayList<>();
            CsvReader.withDefaults().stream(file, schema, chunkRows, chunk -> {
                acc.add(chunk);
                chunks.add(chunk);
            });
            assertThat(acc.result()).as("chunks of " + chunkRows).isEqualTo(expected);
            assertThat(merged(chunks, 1)).as("merged chunks of " + chunkRows).isEqualTo(expected);
            if (chunks.size() > 2) {
                assertThat(merged(chunks, 3)).as("merged runs of 3 chunks of " + chunkRows).isEqualTo(expected);
            }
        }
    }

    /** In-memory batches with every id column type, split at every size, including empty chunks. */
    @Test
    void inMemoryChunksOfEveryIdType() throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        int rows = 900;
        for (Column id : List.of(textIds(rnd, rows), categoricalIds(rnd, rows), numericIds(rnd, rows),
                timestampIds(rnd, rows))) {
            ColumnBatch whole = ColumnBatch.of("memory", List.of(id, probabilities(rnd, rows),
                    timestamps(rnd, rows), categorical("contract_type", rnd, rows),
                    textCategories("region", rnd, rows), ages(rnd, rows)));
            QualityReport expected = DataQualityChecker.check(whole, CONFIG);
            assertThat(expected.findings(Kind.DUPLICATE_ID)).as(id.getClass().getSimpleName()).hasSize(1);
            for (int chunkRows : CHUNK_ROWS) {
                List<ColumnBatch> chunks = split(whole, chunkRows);
                QualityAccumulator acc = QualityAccumulator.of(CONFIG);
                chunks.forEach(acc::add);
                acc.add(slice(whole, rows, rows)); // an empty chunk changes nothing
                assertThat(acc.result()).as(id.getClass().getSimpleName() + " in chunks of " + chunkRows)
                        .isEqualTo(expected);
                assertThat(merged(chunks, 2)).isEqualTo(expected);
                // With 10 ids in memory, most are spilled.
                QualityAccumulator spilled = QualityAccumulator.of(CONFIG, 0, 10, dir);
                chunks.forEach(spilled::add);
                assertThat(spilled.result()).as(id.getClass().getSimpleName() + " spilled in chunks of " + chunkRows)
                        .isEqualTo(expected);
                assertThat(merged(chunks, 2, 10, dir)).isEqualTo(expected);
                assertThat(files(dir)).isEmpty();
            }
        }
    }

    /** An id's first occurrence in a merged-in accumulator is a duplicate found only by the merge. */
    @Test
    void mergeFindsIdsRepeatedAcrossAccumulators() {
        ColumnBatch whole = ColumnBatch.of("memory", List.of(
                new StringColumn("customer_id", new String[]{"a", "b", "c", "d", "b", "e", "a", "é", "é", "b"})));
        QualityReport expected = DataQualityChecker.check(whole, CONFIG);
        QualityFinding dup = expected.findings(Kind.DUPLICATE_ID).get(0);
        assertThat(dup.exampleRows()).containsExactly(5L, 7L, 9L, 10L);
        assertThat(dup.exampleValues()).containsExactly("b", "a", "é");

        QualityAccumulator first = QualityAccumulator.of(CONFIG).add(slice(whole, 0, 4));
        QualityAccumulator later = QualityAccumulator.of(CONFIG, 4).add(slice(whole, 4, 10));
        assertThat(first.merge(later).result()).isEqualTo(expected);
        // An accumulator with no chunk merges as nothing, and takes the other's rows when it is the first.
        assertThat(QualityAccumulator.of(CONFIG).merge(QualityAccumulator.of(CONFIG).add(whole))
                .merge(QualityAccumulator.of(CONFIG, 10)).result()).isEqualTo(expected);
    }

    /**
     * With a few ids in memory, most ids are spilled to sorted runs on disk and merged by {@code result}: ids
     * repeated 2, 3 and 5 times within a run, across chunks and across runs (and across more runs than are
     * merged at once), non-ASCII and null ids give the report of the whole file, and the runs are deleted.
     */
    @ParameterizedTest
    @CsvSource({"STABLE, 3000, 1, 20", "DRIFT, 2500, 2, 100", "SEGMENT, 1200, 3, 50", "CONCEPT, 40, 4, 7"})
    void spilledIdsGiveTheReportOfTheWholeFile(Scenario scenario, int rows, long seed, int idsInMemory)
            throws IOException {
        Path file = dir.resolve("day.csv");
        Files.writeString(file, withRepeatedIds(withProblems(generated(scenario, rows, seed), seed), seed));
        TableSchema schema = TableSchema.forConfig(CONFIG);
        ColumnBatch whole = CsvReader.withDefaults().read(file, schema);
        QualityReport expected = DataQualityChecker.check(whole, CONFIG);
        QualityFinding duplicates = expected.findings(Kind.DUPLICATE_ID).get(0);
        assertThat(duplicates).isEqualTo(naiveDuplicates(whole, duplicates));
        assertThat(duplicates.exampleValues()).as("non-ASCII ids are repeated")
                .anyMatch(id -> id.matches(".*[^ -~].*"));
        Path spill = Files.createDirectories(dir.resolve("spill"));

        for (int chunkRows : CHUNK_ROWS) {
            QualityAccumulator acc = QualityAccumulator.of(CONFIG, 0, idsInMemory, spill);
            List<ColumnBatch> chunks = new ArrayList<>();
            CsvReader.withDefaults().stream(file, schema, chunkRows, chunk -> {
                acc.add(chunk);
                chunks.add(chunk);
            });
            assertThat(files(spill)).as("runs spilled").isNotEmpty();
            assertThat(acc.result()).as("chunks of " + chunkRows).isEqualTo(expected);
            assertThat(files(spill)).as("runs deleted").isEmpty();
            assertThat(acc.result()).as("asked again").isEqualTo(expected);
            assertThatThrownBy(() -> acc.add(chunks.get(0))).isInstanceOf(IllegalStateException.class);
            assertThat(merged(chunks, 1, idsInMemory, spill)).as("merged chunks of " + chunkRows).isEqualTo(expected);
            if (chunks.size() > 2) {
                assertThat(merged(chunks, 3, idsInMemory, spill)).as("merged runs of 3 chunks of " + chunkRows)
                        .isEqualTo(expected);
                // The first half's ids were spilled, the second half's not (if small), or both.
                int half = chunks.size() / 2;
                QualityAccumulator first = QualityAccumulator.of(CONFIG, 0, idsInMemory, spill);
                chunks.subList(0, half).forEach(first::add);
                long firstRows = chunks.subList(0, half).stream().mapToLong(ColumnBatch::rowCount).sum();
                QualityAccumulator later = QualityAccumulator.of(CONFIG, firstRows, idsInMemory, spill);
                chunks.subList(half, chunks.size()).forEach(later::add);
                assertThat(first.merge(later).result()).as("two halves of chunks of " + chunkRows)
                        .isEqualTo(expected);
            }
            assertThat(files(spill)).as("runs deleted").isEmpty();
        }
    }

    /** An accumulation abandoned before its result deletes its runs when closed. */
    @Test
    void closeDeletesTheSpilledIds() throws IOException {
        String[] ids = new String[500];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "id-" + i % 300;
        }
        ColumnBatch whole = ColumnBatch.of("memory", List.of(new StringColumn("customer_id", ids)));
        QualityAccumulator acc = QualityAccumulator.of(CONFIG, 0, 16, dir).add(whole);
        assertThat(files(dir)).isNotEmpty();
        acc.close();
        assertThat(files(dir)).isEmpty();
        assertThatThrownBy(() -> acc.add(whole)).isInstanceOf(IllegalStateException.class);
        QualityAccumulator small = QualityAccumulator.of(CONFIG, 0, 1000, dir).add(whole);
        small.close(); // nothing spilled: it goes on
        assertThat(small.add(slice(whole, 0, 1)).result().findings(Kind.DUPLICATE_ID).get(0).count()).isEqualTo(201);
    }

    @Test
    void manyDistinctIdsGrowTheSetAndStayExact() throws IOException {
        int rows = 200_000;
        String[] ids = new String[rows];
        for (int i = 0; i < rows; i++) {
            // Every 1000th row repeats the id of the row 150,000 rows earlier; long ids use more than one page.
            ids[i] = i >= 150_000 && i % 1000 == 0 ? ids[i - 150_000] : "C" + i + (i % 5000 == 0 ? "x".repeat(300) : "");
        }
        ColumnBatch whole = ColumnBatch.of("memory", List.of(new StringColumn("customer_id", ids)));
        QualityReport expected = DataQualityChecker.check(whole, CONFIG);
        assertThat(expected.findings(Kind.DUPLICATE_ID).get(0).count()).isEqualTo(50);
        assertThat(merged(split(whole, 65_536), 1)).isEqualTo(expected);
        // 200 runs of 1000 ids, merged in passes.
        QualityAccumulator spilled = QualityAccumulator.of(CONFIG, 0, 1000, dir);
        split(whole, 65_536).forEach(spilled::add);
        assertThat(spilled.result()).isEqualTo(expected);
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void chunksMustHaveTheFirstChunksColumns() {
        QualityAccumulator acc = QualityAccumulator.of(CONFIG).add(ColumnBatch.of("a.csv",
                List.of(new StringColumn("customer_id", new String[]{"a"}))));
        assertThatThrownBy(() -> acc.add(ColumnBatch.of("a.csv",
                List.of(new CategoricalColumn("customer_id", List.of("b"), new int[]{0})))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("first chunk");
        assertThatThrownBy(() -> acc.merge(QualityAccumulator.of(CONFIG, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("first row 1");
        assertThatThrownBy(() -> QualityAccumulator.of(CONFIG).result()).isInstanceOf(IllegalStateException.class);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Each group of {@code per} chunks in its own accumulator (numbering from its first file row), merged. */
    private static QualityReport merged(List<ColumnBatch> chunks, int per) {
        return merged(chunks, per, SpillingIdSet.DEFAULT_IN_MEMORY, null);
    }

    /** As {@link #merged(List, int)}, each accumulator spilling its ids beyond {@code idsInMemory} to {@code spill}. */
    private static QualityReport merged(List<ColumnBatch> chunks, int per, int idsInMemory, Path spill) {
        QualityAccumulator total = null;
        long first = 0;
        for (int i = 0; i < chunks.size(); i += per) {
            QualityAccumulator part = QualityAccumulator.of(CONFIG, first, idsInMemory, spill);
            for (ColumnBatch c : chunks.subList(i, Math.min(chunks.size(), i + per))) {
                part.add(c);
                first += c.rowCount();
            }
            total = total == null ? part : total.merge(part);
        }
        return total.result();
    }

    private static String generated(Scenario scenario, int rows, long seed) throws IOException {
        StringWriter out = new StringWriter();
        ChurnDataGenerator.of(scenario, LocalDate.of(2024, 3, 1), "C").write(out, rows, seed);
        return out.toString();
    }

    /**
     * Every {@code step}-th data row (at least 30 rows in all) gets one problem, in turn: an earlier row's id
     * (often in another chunk), an empty id, timestamp or probability, a probability or class outside its
     * range, a target of 0.5, a feature outside its range, an unknown contract type, a text in a numeric cell,
     * an extra or a missing field. Which earlier id, and the values, are random.
     */
    private static String withProblems(String csv, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 31);
        String[] lines = csv.split("\n");
        List<String> header = Arrays.asList(lines[0].split(","));
        int id = header.indexOf("customer_id");
        int step = Math.max(1, Math.min(50, (lines.length - 1) / 30));
        int injected = 0;
        StringBuilder out = new StringBuilder(csv.length() + 1000).append(lines[0]).append('\n');
        for (int r = 1; r < lines.length; r++) {
            String[] f = lines[r].split(",", -1);
            String line = lines[r];
            if (r > 1 && r % step == 0) {
                int problem = injected++ % 12;
                switch (problem) {
                    case 0, 11 -> f[id] = lines[1 + rnd.nextInt(r - 1)].split(",")[id];
                    case 1 -> f[id] = "";
                    case 2 -> f[header.indexOf("prediction_timestamp")] = "";
                    case 3 -> f[header.indexOf("churn_probability")] = rnd.nextBoolean() ? "1.5" : "-0.25";
                    case 4 -> f[header.indexOf("churn_class")] = "2";
                    case 5 -> f[header.indexOf("churn_actual")] = "0.5";
                    case 6 -> f[header.indexOf("account_age")] = Integer.toString(200 + rnd.nextInt(3));
                    case 7 -> f[header.indexOf("contract_type")] = "Weekly-" + rnd.nextInt(30);
                    case 8 -> f[header.indexOf("monthly_charges")] = "n/a";
                    case 9 -> f[header.indexOf("churn_probability")] = "";
                    default -> f[header.indexOf("customer_age")] = "";
                }
                line = String.join(",", f);
                if (problem == 10 && rnd.nextBoolean()) {
                    line = line + ",extra";
                } else if (problem == 10) {
                    line = line.substring(0, line.lastIndexOf(','));
                }
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /**
     * Ids repeated 2, 3 and 5 times (in turn) from a random row: the first repeat often in the next row (the same
     * run), the others up to 600 rows later (other chunks and runs); every 41st id, the first's too, made
     * non-ASCII first.
     */
    private static String withRepeatedIds(String csv, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 17);
        String[] lines = csv.split("\n");
        String[] ids = new String[lines.length];
        for (int r = 1; r < lines.length; r++) {
            String id = lines[r].substring(0, lines[r].indexOf(','));
            ids[r] = r % 41 == 1 && !id.isEmpty() ? (r % 82 == 42 ? "客户-" : "Ç") + id : id;
        }
        int[] times = {2, 3, 5};
        for (int r = 1, g = 0; r < lines.length; r += 1 + rnd.nextInt(40), g++) {
            for (int k = 1; k < times[g % 3]; k++) {
                int to = r + (k == 1 && g % 2 == 0 ? 1 : 1 + rnd.nextInt(600));
                if (to < lines.length) {
                    ids[to] = ids[r];
                }
            }
        }
        StringBuilder out = new StringBuilder(csv.length() + 1000).append(lines[0]).append('\n');
        for (int r = 1; r < lines.length; r++) {
            out.append(ids[r]).append(lines[r], lines[r].indexOf(','), lines[r].length()).append('\n');
        }
        return out.toString();
    }

    /** The duplicate-id finding computed with a {@code HashSet} of the text ids, with the message of {@code like}. */
    private static QualityFinding naiveDuplicates(ColumnBatch whole, QualityFinding like) {
        StringColumn ids = (StringColumn) whole.column("customer_id");
        java.util.Set<String> seen = new java.util.HashSet<>();
        long count = 0;
        List<Long> rowsSeen = new ArrayList<>();
        java.util.Set<String> values = new java.util.LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id != null && !seen.add(id)) {
                count++;
                if (rowsSeen.size() < QualityReport.MAX_EXAMPLES) {
                    rowsSeen.add(i + 1L);
                    values.add(id);
                }
            }
        }
        return new QualityFinding(like.kind(), like.column(), count, (double) count / ids.size(), null,
                like.severity(), like.message(), rowsSeen, List.copyOf(values));
    }

    private static List<Path> files(Path directory) throws IOException {
        try (var list = Files.list(directory)) {
            return list.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".run"))
                    .toList();
        }
    }

    private static List<ColumnBatch> split(ColumnBatch whole, int chunkRows) {
        List<ColumnBatch> chunks = new ArrayList<>();
        for (int from = 0; from < whole.rowCount(); from += chunkRows) {
            chunks.add(slice(whole, from, (int) Math.min(whole.rowCount(), (long) from + chunkRows)));
        }
        return chunks;
    }

    /** Rows [from, to); a categorical slice keeps the whole dictionary, as the streaming reader's chunks do. */
    private static ColumnBatch slice(ColumnBatch whole, int from, int to) {
        Map<String, Column> columns = new LinkedHashMap<>();
        whole.columns().forEach((name, c) -> columns.put(name, sliceOf(c, from, to)));
        return new ColumnBatch(whole.source(), to - from, columns, ParseReport.clean(whole.source()));
    }

    private static Column sliceOf(Column c, int from, int to) {
        if (c instanceof NumericColumn n) {
            return new NumericColumn(n.name(), Arrays.copyOfRange(n.values(), from, to));
        }
        if (c instanceof CategoricalColumn k) {
            return new CategoricalColumn(k.name(), k.dictionary(), Arrays.copyOfRange(k.codes(), from, to));
        }
        if (c instanceof StringColumn s) {
            return new StringColumn(s.name(), Arrays.copyOfRange(s.values(), from, to));
        }
        TimestampColumn t = (TimestampColumn) c;
        return new TimestampColumn(t.name(), Arrays.copyOfRange(t.epochMillis(), from, to));
    }

    private static StringColumn textIds(SplittableRandom rnd, int rows) {
        String[] v = new String[rows];
        for (int i = 0; i < rows; i++) {
            v[i] = rnd.nextInt(40) == 0 ? null : "id-" + rnd.nextInt(rows * 3);
        }
        return new StringColumn("customer_id", v);
    }

    private static CategoricalColumn categoricalIds(SplittableRandom rnd, int rows) {
        List<String> dictionary = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            dictionary.add("k" + i);
        }
        int[] codes = new int[rows];
        for (int i = 0; i < rows; i++) {
            codes[i] = rnd.nextInt(40) == 0 ? CategoricalColumn.NULL_CODE : rnd.nextInt(rows);
        }
        return new CategoricalColumn("customer_id", dictionary, codes);
    }

    /** Includes 0.0 and -0.0, which are different ids (as boxed doubles compare). */
    private static NumericColumn numericIds(SplittableRandom rnd, int rows) {
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
            int k = rnd.nextInt(rows * 2);
            v[i] = k % 50 == 0 ? Double.NaN : k % 50 == 1 ? -0.0 : k % 50 == 2 ? 0.0 : k / 7.0;
        }
        return new NumericColumn("customer_id", v);
    }

    private static TimestampColumn timestampIds(SplittableRandom rnd, int rows) {
        long[] v = new long[rows];
        for (int i = 0; i < rows; i++) {
            v[i] = rnd.nextInt(40) == 0 ? TimestampColumn.NULL_VALUE : 1_700_000_000_000L + rnd.nextInt(rows * 3);
        }
        return new TimestampColumn("customer_id", v);
    }

    private static NumericColumn probabilities(SplittableRandom rnd, int rows) {
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
            int k = rnd.nextInt(100);
            v[i] = k == 0 ? Double.NaN : k == 1 ? 1.25 : k == 2 ? -1 : rnd.nextDouble();
        }
        return new NumericColumn("churn_probability", v);
    }

    private static TimestampColumn timestamps(SplittableRandom rnd, int rows) {
        long[] v = new long[rows];
        for (int i = 0; i < rows; i++) {
            v[i] = rnd.nextInt(100) == 0 ? TimestampColumn.NULL_VALUE : 1_700_000_000_000L;
        }
        return new TimestampColumn("prediction_timestamp", v);
    }

    /** Allowed values plus unknown ones, some equally frequent (ties keep first-seen order). */
    private static CategoricalColumn categorical(String name, SplittableRandom rnd, int rows) {
        List<String> dictionary = List.of("Two year", "Fortnightly", "Month-to-month", "Daily", "One year", "Hourly");
        int[] codes = new int[rows];
        for (int i = 0; i < rows; i++) {
            codes[i] = rnd.nextInt(60) == 0 ? CategoricalColumn.NULL_CODE : rnd.nextInt(dictionary.size());
        }
        return new CategoricalColumn(name, dictionary, codes);
    }

    /** A categorical feature held as text, with more than {@value QualityReport#MAX_VALUES} unknown values. */
    private static StringColumn textCategories(String name, SplittableRandom rnd, int rows) {
        String[] v = new String[rows];
        for (int i = 0; i < rows; i++) {
            int k = rnd.nextInt(10);
            v[i] = k == 0 ? null : k < 8 ? "North" : "Atlantis-" + rnd.nextInt(30);
        }
        return new StringColumn(name, v);
    }

    /** {@code account_age} with out-of-range values and a null share above the budget. */
    private static NumericColumn ages(SplittableRandom rnd, int rows) {
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
            int k = rnd.nextInt(20);
            v[i] = k == 0 ? Double.NaN : k == 1 ? 500.5 : k == 2 ? 0 : 1 + rnd.nextInt(120);
        }
        return new NumericColumn("account_age", v);
    }
}
