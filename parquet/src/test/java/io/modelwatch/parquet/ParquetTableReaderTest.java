package io.modelwatch.parquet;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.ColumnType;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.InputException;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.ParseReport;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TableReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.data.TimestampColumn;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.quality.QualityFinding;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.result.RunInfo;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.core.run.StreamingRun;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Parquet reader against the CSV reader on the same table, and its errors on bad Parquet input. */
class ParquetTableReaderTest {

    @TempDir
    static Path dir;

    private static MonitoringConfig config;
    private static TableSchema schema;
    private static Path referenceCsv;
    private static Path currentCsv;
    private static Path currentParquet;

    @BeforeAll
    static void data() throws Exception {
        config = ConfigLoader.defaults();
        schema = TableSchema.forConfig(config);
        referenceCsv = dir.resolve("reference.csv");
        currentCsv = dir.resolve("current.csv");
        ChurnDataGenerator.of(Scenario.STABLE, LocalDate.of(2026, 9, 1), "R").write(referenceCsv, 4_000, 7);
        ChurnDataGenerator.of(Scenario.DRIFT, LocalDate.of(2026, 11, 27), "C").write(currentCsv, 3_000, 11);
        currentParquet = ParquetFiles.fromCsv(currentCsv, schema, dir.resolve("current.parquet"));
    }

    @Test
    void smallRowGroupsMakeSeveralGroups() {
        assertThat(ParquetTableReader.rowGroupRows(new org.apache.parquet.io.LocalInputFile(currentParquet),
                currentParquet.toString())).hasSizeGreaterThan(2).allMatch(n -> n > 0)
                .satisfies(rows -> assertThat(rows.stream().mapToLong(Long::longValue).sum()).isEqualTo(3_000));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 1000, Integer.MAX_VALUE})
    void chunksEqualTheCsvReadersChunks(int chunkRows) {
        List<ColumnBatch> fromCsv = new ArrayList<>();
        List<ColumnBatch> fromParquet = new ArrayList<>();
        TableReader.Summary csv = CsvReader.withDefaults().withThreads(1).stream(currentCsv, schema, chunkRows,
                fromCsv::add);
        TableReader.Summary parquet = ParquetTableReader.withDefaults().stream(currentParquet, schema, chunkRows,
                fromParquet::add);
        assertThat(parquet.rowCount()).isEqualTo(csv.rowCount()).isEqualTo(3_000);
        assertThat(parquet.columnTypes()).isEqualTo(csv.columnTypes());
        assertThat(fromParquet).hasSameSizeAs(fromCsv);
        for (int i = 0; i < fromCsv.size(); i++) {
            assertSameColumns(fromParquet.get(i), fromCsv.get(i));
        }
    }

    @Test
    void streamedRunOnParquetEqualsTheRunOnCsv() throws Exception {
        MonitoringPipeline pipeline = MonitoringPipeline.of(config);
        ReferenceProfile fromCsv = pipeline.profile(CsvReader.withDefaults().read(referenceCsv, schema));
        Path referenceParquet = ParquetFiles.fromCsv(referenceCsv, schema, dir.resolve("reference.parquet"));
        ReferenceProfile fromParquet = pipeline.profile(ParquetTableReader.withDefaults().read(referenceParquet, schema));
        assertThat(fromParquet.source()).isEqualTo(referenceParquet.toString()); // the only field that differs
        assertThat(fromParquet.rows()).isEqualTo(fromCsv.rows());

        RunInfo info = new RunInfo("r", config.modelId(), LocalDate.of(2026, 11, 27), "ref", "current", null,
                Instant.parse("2026-11-28T00:00:00Z"));
        RunResult csv = StreamingRun.of(pipeline).withChunkRows(1000).run(info, fromCsv, currentCsv, schema);
        RunResult parquet = StreamingRun.of(pipeline).withChunkRows(1000).withReader(ParquetTableReader.withDefaults())
                .run(info, fromParquet, currentParquet, schema);
        assertThat(snapshot(parquet, currentParquet)).isEqualTo(snapshot(csv, currentCsv));
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
    void readsEveryCommonCodec(CompressionCodecName codec) {
        ColumnBatch csv = CsvReader.withDefaults().read(currentCsv, schema);
        Path file = ParquetFiles.write(csv, dir.resolve("codec-" + codec + ".parquet"), codec, 1 << 20);
        assertSameColumns(ParquetTableReader.withDefaults().read(file, schema), csv);
    }

    @Test
    void valuesOfTheWrongTypeAreCountedAsUnparseableNamingTheColumnRowAndText() throws Exception {
        // account_age (numeric) as text, one value not a number; churn_probability missing a value;
        // prediction_timestamp as text with one bad value; contract_type (categorical) as integers
        MessageType s = Types.buildMessage()
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("customer_id")
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("prediction_timestamp")
                .optional(PrimitiveTypeName.DOUBLE).named("churn_probability")
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("account_age")
                .optional(PrimitiveTypeName.INT32).named("contract_type")
                .named("t");
        Path file = ParquetFiles.writeRows(dir.resolve("bad.parquet"), s, List.of(
                new Object[] {"a", "2026-11-27T10:00:00Z", 0.5, "12", 1},
                new Object[] {"b", "yesterday", null, "twelve", 2},
                new Object[] {"c", "2026-11-27", 0.25, " 7.5 ", null}));
        ColumnBatch batch = ParquetTableReader.withDefaults().read(file, schema);

        assertThat(((NumericColumn) batch.column("account_age")).values()).containsExactly(12, Double.NaN, 7.5);
        assertThat(((NumericColumn) batch.column("churn_probability")).values()).containsExactly(0.5, Double.NaN, 0.25);
        assertThat(((TimestampColumn) batch.column("prediction_timestamp")).epochMillis()).containsExactly(
                Instant.parse("2026-11-27T10:00:00Z").toEpochMilli(), TimestampColumn.NULL_VALUE,
                Instant.parse("2026-11-27T00:00:00Z").toEpochMilli());
        assertThat(((CategoricalColumn) batch.column("contract_type")).dictionary()).containsExactly("1", "2");
        Map<String, ParseReport.ColumnParseIssues> bad = batch.parseReport().badCells();
        assertThat(bad).containsOnlyKeys("account_age", "prediction_timestamp");
        assertThat(bad.get("account_age").expected()).isEqualTo("number");
        assertThat(bad.get("account_age").examples()).containsExactly(new ParseReport.CellExample(2, "twelve"));
        assertThat(bad.get("prediction_timestamp").examples())
                .containsExactly(new ParseReport.CellExample(2, "yesterday"));

        // the quality section names the columns: unparseable cells, the null probability, the missing features
        List<QualityFinding> findings = MonitoringPipeline.of(config).quality(batch).findings();
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(QualityFinding.Kind.UNPARSEABLE_CELLS);
            assertThat(f.column()).isEqualTo("account_age");
            assertThat(f.message()).contains("'twelve' in row 2");
        });
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(QualityFinding.Kind.REQUIRED_NULLS);
            assertThat(f.column()).isEqualTo("churn_probability");
        });
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(QualityFinding.Kind.MISSING_FEATURE_COLUMN);
            assertThat(f.column()).isEqualTo("monthly_charges");
        });
    }

    @Test
    void parquetTypesConvertToTheColumnTypes() {
        byte[] int96 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(3_600_000_000_000L + 1_500_000L) // 01:00:00.0015 of the day
                .putInt(2_440_588 + 20_419) // 2025-11-27 as a Julian day
                .array();
        MessageType s = Types.buildMessage()
                .optional(PrimitiveTypeName.INT32).named("i32")
                .optional(PrimitiveTypeName.FLOAT).named("f32")
                .optional(PrimitiveTypeName.BOOLEAN).named("flag")
                .optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.decimalType(2, 12)).named("amount")
                .optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named("day")
                .optional(PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named("at")
                .optional(PrimitiveTypeName.INT96).named("legacy")
                .optional(PrimitiveTypeName.DOUBLE).named("ratio")
                .named("t");
        Path file = ParquetFiles.writeRows(dir.resolve("types.parquet"), s, List.<Object[]>of(
                new Object[] {42, 0.5f, true, 1234L, 20_419, 1_764_201_600_000_999L, Binary.fromConstantByteArray(int96),
                        0.1}));
        TableSchema types = TableSchema.of(Map.of("i32", ColumnType.NUMERIC, "f32", ColumnType.NUMERIC,
                "flag", ColumnType.NUMERIC, "amount", ColumnType.NUMERIC, "day", ColumnType.TIMESTAMP,
                "at", ColumnType.TIMESTAMP, "legacy", ColumnType.TIMESTAMP, "ratio", ColumnType.CATEGORICAL), false);
        ColumnBatch b = ParquetTableReader.withDefaults().read(file, types);
        assertThat(number(b, "i32")).isEqualTo(42.0);
        assertThat(number(b, "f32")).isEqualTo(0.5);
        assertThat(number(b, "flag")).isEqualTo(1.0);
        assertThat(number(b, "amount")).isEqualTo(new BigDecimal("12.34").doubleValue());
        assertThat(millis(b, "day")).isEqualTo(LocalDate.of(2025, 11, 27).toEpochDay() * 86_400_000L);
        assertThat(millis(b, "at")).isEqualTo(1_764_201_600_000L); // micros floored to the millisecond
        assertThat(millis(b, "legacy")).isEqualTo(LocalDate.of(2025, 11, 27).toEpochDay() * 86_400_000L + 3_600_001L);
        assertThat(((CategoricalColumn) b.column("ratio")).dictionary()).containsExactly("0.1");
        assertThat(b.parseReport().isClean()).isTrue();

        // a sniffing schema types unlisted columns from their Parquet types
        ColumnBatch sniffed = ParquetTableReader.withDefaults().read(file, TableSchema.sniffAll());
        assertThat(sniffed.column("i32")).isInstanceOf(NumericColumn.class);
        assertThat(sniffed.column("at")).isInstanceOf(TimestampColumn.class);
        assertThat(sniffed.column("flag")).isInstanceOf(CategoricalColumn.class);
        // a non-sniffing schema reads unlisted columns as categories, as the CSV reader does
        assertThat(ParquetTableReader.withDefaults().read(file, TableSchema.of(Map.of(), false)).column("i32"))
                .isInstanceOf(CategoricalColumn.class);
    }

    @Test
    void unreadableFilesNameTheFile() throws Exception {
        Path notParquet = Files.writeString(dir.resolve("fake.parquet"), "customer_id,churn_probability\na,0.5\n");
        assertThatThrownBy(() -> ParquetTableReader.withDefaults().read(notParquet, schema))
                .isInstanceOf(InputException.class).hasMessageStartingWith(notParquet + ": not a readable Parquet file");

        byte[] whole = Files.readAllBytes(currentParquet);
        Path truncated = Files.write(dir.resolve("truncated.parquet"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> ParquetTableReader.withDefaults().read(truncated, schema))
                .isInstanceOf(InputException.class).hasMessageStartingWith(truncated.toString());

        Path missing = dir.resolve("missing.parquet");
        assertThat(ParquetTableReader.isParquet(missing)).isTrue();
        assertThatThrownBy(() -> ParquetTableReader.withDefaults().read(missing, schema))
                .isInstanceOf(InputException.class).hasMessage(missing + ": no such file");

        MessageType nested = Types.buildMessage().repeated(PrimitiveTypeName.INT32).named("scores").named("t");
        Path repeated = ParquetFiles.writeRows(dir.resolve("nested.parquet"), nested, List.<Object[]>of(new Object[] {1}));
        assertThatThrownBy(() -> ParquetTableReader.withDefaults().read(repeated, schema))
                .isInstanceOf(InputException.class)
                .hasMessage(repeated + ": column 'scores' is a nested or repeated Parquet field; expected flat columns "
                        + "of numbers, text, dates or timestamps");
    }

    @Test
    void recognisesParquetByItsMagicBytes() throws Exception {
        assertThat(ParquetTableReader.isParquet(currentParquet)).isTrue();
        assertThat(ParquetTableReader.isParquet(currentCsv)).isFalse();
        Path renamed = Files.copy(currentParquet, dir.resolve("predictions.bin"));
        assertThat(ParquetTableReader.isParquet(renamed)).isTrue();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static double number(ColumnBatch b, String column) {
        return ((NumericColumn) b.column(column)).values()[0];
    }

    private static long millis(ColumnBatch b, String column) {
        return ((TimestampColumn) b.column(column)).epochMillis()[0];
    }

    /**
     * The run's JSON with the duration and the current file's name (which differ by construction) blanked; each run
     * used the profile of its own format, so the profiles are compared through the drift and baselines too.
     */
    static String snapshot(RunResult r, Path current) {
        return Json.pretty(r).replaceAll("\"durationMs\" : \\d+", "\"durationMs\" : 0")
                .replace(current.toString(), "<current>");
    }

    static void assertSameColumns(ColumnBatch actual, ColumnBatch expected) {
        assertThat(actual.rowCount()).isEqualTo(expected.rowCount());
        assertThat(actual.columnNames()).isEqualTo(expected.columnNames());
        assertThat(actual.parseReport().badCells()).isEqualTo(expected.parseReport().badCells());
        for (String name : expected.columnNames()) {
            Column a = actual.column(name);
            Column e = expected.column(name);
            assertThat(a.getClass()).as(name).isEqualTo(e.getClass());
            if (e instanceof NumericColumn n) {
                assertThat(((NumericColumn) a).values()).as(name).isEqualTo(n.values());
            } else if (e instanceof TimestampColumn t) {
                assertThat(((TimestampColumn) a).epochMillis()).as(name).isEqualTo(t.epochMillis());
            } else if (e instanceof CategoricalColumn c) {
                assertThat(((CategoricalColumn) a).dictionary()).as(name).isEqualTo(c.dictionary());
                assertThat(((CategoricalColumn) a).codes()).as(name).isEqualTo(c.codes());
            } else {
                assertThat(((StringColumn) a).values()).as(name).isEqualTo(((StringColumn) e).values());
            }
        }
    }
}
