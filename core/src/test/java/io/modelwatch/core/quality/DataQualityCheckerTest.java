package io.modelwatch.core.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DataQualityCheckerTest {

    private static final double NULL = Double.NaN;
    private static final long DAY = 1_795_000_000_000L;

    @TempDir
    Path dir;

    /** Default roles; two features; quality severities varied to see they are taken from the settings. */
    private static MonitoringConfig config(String qualityOverrides) {
        return ConfigLoader.parse("""
                model_id: test
                features:
                  - {name: age, kind: numeric, min: 0, max: 100, null_budget: 0.25}
                  - {name: plan, kind: categorical, allowed_values: [A, B]}
                segments: []
                alert_rules: []
                quality: {%s}
                """.formatted(qualityOverrides), "test.yaml");
    }

    private static final MonitoringConfig CONFIG = config("duplicate_id_severity: MEDIUM");

    /** A clean four-row batch; tests replace single columns. */
    private static Map<String, Column> clean() {
        Map<String, Column> c = new LinkedHashMap<>();
        c.put("customer_id", new StringColumn("customer_id", new String[]{"a", "b", "c", "d"}));
        c.put("prediction_timestamp", new TimestampColumn("prediction_timestamp", new long[]{DAY, DAY, DAY, DAY}));
        c.put("churn_probability", new NumericColumn("churn_probability", new double[]{0, 0.3, 0.7, 1}));
        c.put("churn_class", new NumericColumn("churn_class", new double[]{0, 0, 1, 1}));
        c.put("churn_actual", new NumericColumn("churn_actual", new double[]{0, 1, NULL, 1}));
        c.put("label_effective_date", new TimestampColumn("label_effective_date",
                new long[]{DAY, DAY, TimestampColumn.NULL_VALUE, DAY}));
        c.put("age", new NumericColumn("age", new double[]{0, 50, NULL, 100}));
        c.put("plan", new CategoricalColumn("plan", List.of("A", "B"), new int[]{0, 1, 1, 0}));
        return c;
    }

    private static ColumnBatch batch(Map<String, Column> columns) {
        return new ColumnBatch("batch.csv", 4, columns, ParseReport.clean("batch.csv"));
    }

    private static QualityReport check(Map<String, Column> columns) {
        return DataQualityChecker.check(batch(columns), CONFIG);
    }

    @Test
    void cleanBatchHasNoFindings() {
        QualityReport report = check(clean());
        assertThat(report.findings()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.rowCount()).isEqualTo(4);
        assertThat(report.nullShares()).extracting(ColumnNullShare::column).containsExactly("customer_id",
                "prediction_timestamp", "churn_probability", "churn_class", "churn_actual", "label_effective_date",
                "age", "plan");
        // age: one null of four = 25 %, exactly its budget, which is allowed.
        assertThat(report.nullShares().get(6)).isEqualTo(new ColumnNullShare("age", 1, 0.25, 0.25));
    }

    @Test
    void nullShareAboveBudget() {
        Map<String, Column> c = clean();
        c.put("age", new NumericColumn("age", new double[]{NULL, 50, NULL, 100}));
        QualityFinding f = single(check(c), Kind.NULL_SHARE_ABOVE_BUDGET);
        assertThat(f.column()).isEqualTo("age");
        assertThat(f.count()).isEqualTo(2);
        assertThat(f.share()).isEqualTo(0.5);
        assertThat(f.threshold()).isEqualTo(0.25);
        assertThat(f.severity()).isEqualTo("HIGH");
        assertThat(f.exampleRows()).containsExactly(1L, 3L);
        assertThat(f.message()).contains("'age'", "50.00 %", "25.00 %");
    }

    @Test
    void valuesOutsideTheRange() {
        Map<String, Column> c = clean();
        c.put("age", new NumericColumn("age", new double[]{-1, 50, 100.5, 100}));
        QualityFinding f = single(check(c), Kind.OUT_OF_RANGE);
        assertThat(f.count()).isEqualTo(2);
        assertThat(f.share()).isEqualTo(0.5);
        assertThat(f.exampleRows()).containsExactly(1L, 3L);
        assertThat(f.exampleValues()).containsExactly("-1", "100.5");
        assertThat(f.message()).contains("'age'", "[0, 100]", "'-1' in row 1");
    }

    @Test
    void unknownCategoriesWithTheirValues() {
        Map<String, Column> c = clean();
        c.put("plan", new CategoricalColumn("plan", List.of("A", "D", "C"), new int[]{1, 2, 0, 2}));
        QualityFinding f = single(check(c), Kind.UNKNOWN_CATEGORY);
        assertThat(f.count()).isEqualTo(3);
        assertThat(f.exampleValues()).containsExactly("C", "D"); // most frequent first
        assertThat(f.exampleRows()).containsExactly(1L, 2L, 4L);
        assertThat(f.message()).contains("'plan'", "[A, B]", "'C'", "'D'");

        c.put("plan", new StringColumn("plan", new String[]{"A", "Z", null, "B"}));
        assertThat(one(check(c), Kind.UNKNOWN_CATEGORY).exampleValues()).containsExactly("Z");
    }

    @Test
    void duplicateIdsWithTheConfiguredSeverity() {
        Map<String, Column> c = clean();
        c.put("customer_id", new StringColumn("customer_id", new String[]{"a", "b", "a", "a"}));
        QualityReport report = check(c);
        QualityFinding f = single(report, Kind.DUPLICATE_ID);
        assertThat(f.count()).isEqualTo(2);
        assertThat(f.exampleRows()).containsExactly(3L, 4L);
        assertThat(f.exampleValues()).containsExactly("a");
        assertThat(f.severity()).isEqualTo("MEDIUM");
        assertThat(report.passed()).isTrue(); // MEDIUM is a warning
    }

    @Test
    void missingFeatureAndRoleColumns() {
        Map<String, Column> c = clean();
        c.remove("plan");
        c.remove("churn_probability");
        c.remove("churn_class"); // optional: the class can be derived from the probability
        c.remove("churn_actual"); // optional: labels arrive later
        QualityReport report = check(c);
        assertThat(one(report, Kind.MISSING_FEATURE_COLUMN).column()).isEqualTo("plan");
        QualityFinding role = one(report, Kind.MISSING_ROLE_COLUMN);
        assertThat(role.column()).isEqualTo("churn_probability");
        assertThat(role.message()).contains("'churn_probability'", "missing");
        assertThat(report.findings()).hasSize(2);
        assertThat(report.passed()).isFalse();
    }

    @Test
    void unexpectedColumnsAreLowSeverity() {
        Map<String, Column> c = clean();
        c.put("debug", new CategoricalColumn("debug", List.of("x"), new int[]{0, 0, 0, 0}));
        QualityReport report = check(c);
        QualityFinding f = single(report, Kind.UNEXPECTED_COLUMN);
        assertThat(f.column()).isEqualTo("debug");
        assertThat(f.severity()).isEqualTo("LOW");
        assertThat(report.passed()).isTrue();
    }

    @Test
    void unparseableCellsAndMalformedRowsFromTheReader() throws Exception {
        Path file = dir.resolve("day.csv");
        Files.writeString(file, """
                customer_id,prediction_timestamp,churn_probability,churn_class,age,plan
                a,2026-11-28T04:00:00Z,0.1,0,10,A
                b,2026-11-28T04:00:00Z,0.2,0,ten,B
                c,2026-11-28T04:00:00Z,0.3,0,30,A,extra
                d,2026-11-28T04:00:00Z,0.4,0,40,B
                """);
        ColumnBatch batch = CsvReader.withDefaults().read(file, TableSchema.forConfig(CONFIG));
        QualityReport report = DataQualityChecker.check(batch, CONFIG);

        QualityFinding bad = one(report, Kind.UNPARSEABLE_CELLS);
        assertThat(bad.column()).isEqualTo("age");
        assertThat(bad.count()).isEqualTo(1);
        assertThat(bad.exampleRows()).containsExactly(2L);
        assertThat(bad.exampleValues()).containsExactly("ten");
        assertThat(bad.message()).contains("'age'", "number", "'ten' in row 2");
        QualityFinding malformed = one(report, Kind.MALFORMED_ROWS);
        assertThat(malformed.column()).isNull();
        assertThat(malformed.exampleRows()).containsExactly(3L);
        assertThat(malformed.share()).isEqualTo(0.25);
        assertThat(report.findings()).extracting(QualityFinding::kind)
                .containsExactly(Kind.UNPARSEABLE_CELLS, Kind.MALFORMED_ROWS); // the "ten" null is within age's 25 %
    }

    @Test
    void wrongColumnTypeSkipsTheColumnsOtherChecks() {
        Map<String, Column> c = clean();
        c.put("age", new CategoricalColumn("age", List.of("old"), new int[]{0, 0, 0, 0}));
        c.put("churn_probability", new StringColumn("churn_probability", new String[]{"x", "y", "z", "w"}));
        QualityReport report = check(c);
        assertThat(report.findings(Kind.WRONG_COLUMN_TYPE)).extracting(QualityFinding::column)
                .containsExactly("churn_probability", "age");
        assertThat(report.findings()).hasSize(2);
    }

    @Test
    void probabilitiesOutsideZeroOne() {
        Map<String, Column> c = clean();
        c.put("churn_probability", new NumericColumn("churn_probability", new double[]{0.5, 1.2, -0.1, 1}));
        QualityFinding f = single(check(c), Kind.PROBABILITY_OUT_OF_RANGE);
        assertThat(f.count()).isEqualTo(2);
        assertThat(f.exampleValues()).containsExactly("1.2", "-0.1");
        assertThat(f.message()).contains("'churn_probability'", "[0, 1]");
    }

    @Test
    void classAndTargetOutsideZeroOne() {
        Map<String, Column> c = clean();
        c.put("churn_class", new NumericColumn("churn_class", new double[]{0, 2, 1, 1}));
        c.put("churn_actual", new NumericColumn("churn_actual", new double[]{0.5, 1, NULL, 0}));
        QualityReport report = check(c);
        assertThat(report.findings(Kind.INVALID_LABEL)).extracting(QualityFinding::column, QualityFinding::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("churn_class", 1L),
                        org.assertj.core.groups.Tuple.tuple("churn_actual", 1L));
        assertThat(report.findings()).hasSize(2); // the target's null is allowed
    }

    @Test
    void nullsInRequiredRoleColumns() {
        Map<String, Column> c = clean();
        c.put("customer_id", new StringColumn("customer_id", new String[]{"a", null, "c", "d"}));
        c.put("prediction_timestamp", new TimestampColumn("prediction_timestamp",
                new long[]{DAY, DAY, TimestampColumn.NULL_VALUE, DAY}));
        c.put("churn_probability", new NumericColumn("churn_probability", new double[]{NULL, 0.3, 0.7, 1}));
        c.put("churn_class", new NumericColumn("churn_class", new double[]{0, 0, 1, NULL}));
        QualityReport report = check(c);
        assertThat(report.findings(Kind.REQUIRED_NULLS))
                .extracting(QualityFinding::column, f -> f.exampleRows().get(0))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("customer_id", 2L),
                        org.assertj.core.groups.Tuple.tuple("prediction_timestamp", 3L),
                        org.assertj.core.groups.Tuple.tuple("churn_probability", 1L),
                        org.assertj.core.groups.Tuple.tuple("churn_class", 4L));
        assertThat(report.findings()).hasSize(4);
    }

    @Test
    void severityNoneSwitchesACheckOff() {
        Map<String, Column> c = clean();
        c.put("age", new NumericColumn("age", new double[]{-1, 50, 100.5, 100}));
        MonitoringConfig silent = config("out_of_range_severity: NONE");
        assertThat(DataQualityChecker.check(batch(c), silent).findings()).isEmpty();
    }

    @Test
    void emptyBatchReportsItselfAndColumnProblems() {
        Map<String, Column> c = new LinkedHashMap<>();
        c.put("customer_id", new StringColumn("customer_id", new String[0]));
        ColumnBatch empty = new ColumnBatch("empty.csv", 0, c, ParseReport.clean("empty.csv"));
        QualityReport report = DataQualityChecker.check(empty, CONFIG);
        assertThat(report.findings()).extracting(QualityFinding::kind).containsOnly(
                Kind.EMPTY_BATCH, Kind.MISSING_ROLE_COLUMN, Kind.MISSING_FEATURE_COLUMN);
        assertThat(report.findings().get(0).kind()).as("said first").isEqualTo(Kind.EMPTY_BATCH);
        assertThat(report.findings().get(0).message()).startsWith("empty batch: empty.csv has a header and no rows");
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.share()).isZero());
    }

    @Test
    void reportRoundTripsThroughJson() throws Exception {
        Map<String, Column> c = clean();
        c.put("age", new NumericColumn("age", new double[]{NULL, 500, NULL, 100}));
        QualityReport report = check(c);
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(report);
        assertThat(text).contains("\"passed\":false", "\"kind\":\"OUT_OF_RANGE\"", "\"exampleRows\":[2]");
        assertThat(json.readValue(text, QualityReport.class)).isEqualTo(report);
    }

    /** The one finding of this kind (others may exist). */
    private static QualityFinding one(QualityReport report, Kind kind) {
        assertThat(report.findings(kind)).as("findings of kind " + kind).hasSize(1);
        return report.findings(kind).get(0);
    }

    /** The report's only finding, which must be of this kind. */
    private static QualityFinding single(QualityReport report, Kind kind) {
        assertThat(report.findings()).as("findings").extracting(QualityFinding::kind).containsExactly(kind);
        return report.findings().get(0);
    }
}
