package io.modelwatch.core.quality;

import io.modelwatch.core.config.ColumnRoles;
import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.config.QualitySettings;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.ParseReport;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TimestampColumn;
import io.modelwatch.core.quality.QualityFinding.Kind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks one batch against a configuration: missing and unexpected columns, cells that did not parse,
 * wrong column types, null shares against budgets, numeric ranges, allowed categories, duplicate ids,
 * nulls in required role columns, probabilities outside [0, 1] and labels outside {0, 1}.
 *
 * <p>Each finding takes its severity from the configuration's {@link QualitySettings}; a check whose
 * severity is {@code NONE} is skipped. Row numbers are 1-based positions in the batch (for a whole-file
 * read, the file's data row numbers). Every check is one pass over its column.
 *
 * <p>Required role columns: id, timestamp and probability. The class column is optional (the class can be
 * derived from the probability) but checked when present; target and label date are optional (labels
 * arrive later), the target's values are checked when present.
 */
public final class DataQualityChecker {

    private DataQualityChecker() {
    }

    /** Checks {@code batch} against {@code config}. */
    public static QualityReport check(ColumnBatch batch, MonitoringConfig config) {
        return new Run(batch, config).check();
    }

    private static final class Run {
        private final ColumnBatch batch;
        private final MonitoringConfig config;
        private final QualitySettings q;
        private final int rows;
        private final List<QualityFinding> findings = new ArrayList<>();
        private final List<ColumnNullShare> nullShares = new ArrayList<>();

        Run(ColumnBatch batch, MonitoringConfig config) {
            this.batch = batch;
            this.config = config;
            this.q = config.quality();
            this.rows = batch.rowCount();
        }

        QualityReport check() {
            ColumnRoles roles = config.roles();
            columns(roles);
            parsing();
            roleColumns(roles);
            for (FeatureSpec f : config.features()) {
                batch.find(f.name()).ifPresent(column -> feature(f, column));
            }
            duplicateIds(roles.id());
            return new QualityReport(batch.source(), rows, nullShares, findings);
        }

        private void columns(ColumnRoles roles) {
            for (String required : List.of(roles.id(), roles.timestamp(), roles.probability())) {
                if (!batch.has(required)) {
                    add(Kind.MISSING_ROLE_COLUMN, required, 1, 0, null, q.missingColumnSeverity(),
                            "required column '" + required + "' is missing from the input", List.of(), List.of());
                }
            }
            for (FeatureSpec f : config.features()) {
                if (!batch.has(f.name())) {
                    add(Kind.MISSING_FEATURE_COLUMN, f.name(), 1, 0, null, q.missingColumnSeverity(),
                            "feature column '" + f.name() + "' is missing from the input", List.of(), List.of());
                }
            }
            Set<String> known = new HashSet<>(config.featureNames());
            known.addAll(roleNames(roles));
            for (String name : batch.columnNames()) {
                if (!known.contains(name)) {
                    add(Kind.UNEXPECTED_COLUMN, name, 1, 0, null, q.unexpectedColumnSeverity(),
                            "column '" + name + "' is not a configured feature or role column; it is not monitored",
                            List.of(), List.of());
                }
            }
        }

        private void parsing() {
            ParseReport report = batch.parseReport();
            report.badCells().values().stream()
                    .sorted(Comparator.comparingInt(i -> batch.columnNames().indexOf(i.column())))
                    .forEach(issues -> {
                        List<Long> rowsSeen = new ArrayList<>();
                        List<String> texts = new ArrayList<>();
                        issues.examples().forEach(e -> {
                            rowsSeen.add(e.row());
                            texts.add(e.text());
                        });
                        add(Kind.UNPARSEABLE_CELLS, issues.column(), issues.count(), share(issues.count()), null,
                                q.unparseableSeverity(), "column '" + issues.column() + "': " + issues.count()
                                        + " cells are not a valid " + issues.expected() + example(rowsSeen, texts)
                                        + "; they count as nulls", rowsSeen, texts);
                    });
            ParseReport.RowIssues malformed = report.malformedRows();
            if (malformed.count() > 0) {
                add(Kind.MALFORMED_ROWS, null, malformed.count(), share(malformed.count()), null,
                        q.unparseableSeverity(), malformed.count() + " rows have a different number of fields than "
                                + "the header (missing cells are null, extra cells ignored), e.g. row "
                                + malformed.exampleRows().get(0), malformed.exampleRows(), List.of());
            }
        }

        private void roleColumns(ColumnRoles roles) {
            batch.find(roles.id()).ifPresent(c -> {
                nullShare(c, null);
                requiredNulls(c, "id");
            });
            batch.find(roles.timestamp()).ifPresent(c -> {
                if (expectType(c, TimestampColumn.class, "ISO-8601 timestamps")) {
                    nullShare(c, null);
                    requiredNulls(c, "timestamp");
                }
            });
            batch.find(roles.probability()).ifPresent(c -> {
                if (expectType(c, NumericColumn.class, "numbers")) {
                    nullShare(c, null);
                    requiredNulls(c, "probability");
                    probabilities((NumericColumn) c);
                }
            });
            batch.find(roles.predictedClass()).ifPresent(c -> {
                if (expectType(c, NumericColumn.class, "numbers")) {
                    nullShare(c, null);
                    requiredNulls(c, "predicted class");
                    labels((NumericColumn) c, "predicted class");
                }
            });
            batch.find(roles.target()).ifPresent(c -> {
                if (expectType(c, NumericColumn.class, "numbers")) {
                    nullShare(c, null);
                    labels((NumericColumn) c, "actual outcome");
                }
            });
            batch.find(roles.labelDate()).ifPresent(c -> {
                if (expectType(c, TimestampColumn.class, "ISO-8601 dates")) {
                    nullShare(c, null);
                }
            });
        }

        private void feature(FeatureSpec f, Column column) {
            if (f.isNumeric()) {
                if (!expectType(column, NumericColumn.class, "numbers (a numeric feature)")) {
                    return;
                }
                nullBudget(f, column);
                range(f, (NumericColumn) column);
            } else {
                if (!(column instanceof CategoricalColumn) && !(column instanceof StringColumn)) {
                    wrongType(column, "text values (a categorical feature)");
                    return;
                }
                nullBudget(f, column);
                categories(f, column);
            }
        }

        private void nullBudget(FeatureSpec f, Column column) {
            ColumnNullShare shareOf = nullShare(column, f.nullBudget());
            if (shareOf.share() > f.nullBudget()) {
                List<Long> examples = nullRows(column);
                add(Kind.NULL_SHARE_ABOVE_BUDGET, f.name(), shareOf.nullCount(), shareOf.share(), f.nullBudget(),
                        q.nullBudgetSeverity(), "feature '" + f.name() + "': " + shareOf.nullCount() + " null cells ("
                                + percent(shareOf.share()) + "), above its null budget of " + percent(f.nullBudget())
                                + ", e.g. row " + examples.get(0), examples, List.of());
            }
        }

        private void range(FeatureSpec f, NumericColumn column) {
            if (f.min() == null && f.max() == null) {
                return;
            }
            double lo = f.min() == null ? Double.NEGATIVE_INFINITY : f.min();
            double hi = f.max() == null ? Double.POSITIVE_INFINITY : f.max();
            double[] v = column.values();
            long count = 0;
            List<Long> exampleRows = new ArrayList<>();
            List<String> exampleValues = new ArrayList<>();
            for (int i = 0; i < v.length; i++) {
                // NaN (null) fails neither comparison, so nulls are not counted here.
                if (v[i] < lo || v[i] > hi) {
                    count++;
                    if (exampleRows.size() < QualityReport.MAX_EXAMPLES) {
                        exampleRows.add(i + 1L);
                        exampleValues.add(number(v[i]));
                    }
                }
            }
            if (count > 0) {
                add(Kind.OUT_OF_RANGE, f.name(), count, share(count), null, q.outOfRangeSeverity(),
                        "feature '" + f.name() + "': " + count + " values (" + percent(share(count)) + ") outside "
                                + "[" + (f.min() == null ? "-inf" : number(f.min())) + ", "
                                + (f.max() == null ? "+inf" : number(f.max())) + "]"
                                + example(exampleRows, exampleValues), exampleRows, exampleValues);
            }
        }

        private void categories(FeatureSpec f, Column column) {
            if (f.allowedValues().isEmpty()) {
                return;
            }
            Set<String> allowed = new HashSet<>(f.allowedValues());
            Map<String, Long> unknown = new LinkedHashMap<>();
            List<Long> exampleRows = new ArrayList<>();
            long count = 0;
            if (column instanceof CategoricalColumn c) {
                boolean[] bad = new boolean[c.dictionary().size()];
                for (int code = 0; code < bad.length; code++) {
                    bad[code] = !allowed.contains(c.dictionary().get(code));
                }
                int[] codes = c.codes();
                for (int i = 0; i < codes.length; i++) {
                    int code = codes[i];
                    if (code != CategoricalColumn.NULL_CODE && bad[code]) {
                        count++;
                        unknown.merge(c.dictionary().get(code), 1L, Long::sum);
                        if (exampleRows.size() < QualityReport.MAX_EXAMPLES) {
                            exampleRows.add(i + 1L);
                        }
                    }
                }
            } else {
                StringColumn text = (StringColumn) column;
                for (int i = 0; i < text.size(); i++) {
                    String value = text.get(i);
                    if (value != null && !allowed.contains(value)) {
                        count++;
                        unknown.merge(value, 1L, Long::sum);
                        if (exampleRows.size() < QualityReport.MAX_EXAMPLES) {
                            exampleRows.add(i + 1L);
                        }
                    }
                }
            }
            if (count > 0) {
                List<String> values = unknown.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .limit(QualityReport.MAX_VALUES).map(Map.Entry::getKey).toList();
                add(Kind.UNKNOWN_CATEGORY, f.name(), count, share(count), null, q.unknownCategorySeverity(),
                        "feature '" + f.name() + "': " + count + " values (" + percent(share(count)) + ") outside the "
                                + "allowed " + f.allowedValues() + ": " + quoted(values)
                                + (unknown.size() > values.size() ? " and " + (unknown.size() - values.size())
                                + " more" : ""), exampleRows, values);
            }
        }

        private void duplicateIds(String idColumn) {
            Column column = batch.find(idColumn).orElse(null);
            if (column == null) {
                return;
            }
            long count = 0;
            List<Long> exampleRows = new ArrayList<>();
            Set<String> exampleIds = new LinkedHashSet<>();
            IdsSeen seen = column instanceof StringColumn text ? new TextIdsSeen(text) : new ObjectIdsSeen(column, rows);
            for (int i = 0; i < rows; i++) {
                if (column.isNull(i)) {
                    continue;
                }
                if (!seen.addRow(i)) {
                    count++;
                    if (exampleRows.size() < QualityReport.MAX_EXAMPLES) {
                        exampleRows.add(i + 1L);
                        exampleIds.add(String.valueOf(idAt(column, i)));
                    }
                }
            }
            if (count > 0) {
                add(Kind.DUPLICATE_ID, idColumn, count, share(count), null, q.duplicateIdSeverity(),
                        "id column '" + idColumn + "': " + count + " rows repeat an id seen earlier in the batch, e.g. "
                                + quoted(List.copyOf(exampleIds)) + " (row " + exampleRows.get(0)
                                + "); expected one row per id", exampleRows, List.copyOf(exampleIds));
            }
        }

        /** The ids of the rows added so far. */
        private interface IdsSeen {
            /** Adds the id of a non-null row; false when an earlier row had the same id. */
            boolean addRow(int row);
        }

        /** Ids of any column type as boxed values. */
        private static final class ObjectIdsSeen implements IdsSeen {
            private final Column column;
            private final Map<Object, Boolean> seen;

            ObjectIdsSeen(Column column, int rows) {
                this.column = column;
                this.seen = new HashMap<>(Math.max(16, rows * 4 / 3 + 1));
            }

            @Override
            public boolean addRow(int row) {
                return seen.putIfAbsent(idAt(column, row), Boolean.TRUE) == null;
            }
        }

        /**
         * Text ids compared by their UTF-8 bytes in the column, without a {@code String} per row: an open-addressing
         * table of row numbers (linear probing, at most half full).
         */
        private static final class TextIdsSeen implements IdsSeen {
            private final StringColumn ids;
            private final int[] table; // row + 1, 0 = empty slot

            TextIdsSeen(StringColumn ids) {
                this.ids = ids;
                this.table = new int[Integer.highestOneBit(Math.max(8, ids.size()) * 2 - 1) * 2];
            }

            @Override
            public boolean addRow(int row) {
                int mask = table.length - 1;
                int slot = ids.hash(row) & mask;
                while (table[slot] != 0) {
                    if (ids.sameValue(row, ids, table[slot] - 1)) {
                        return false;
                    }
                    slot = (slot + 1) & mask;
                }
                table[slot] = row + 1;
                return true;
            }
        }

        private static Object idAt(Column column, int row) {
            if (column instanceof StringColumn s) {
                return s.get(row);
            }
            if (column instanceof CategoricalColumn c) {
                return c.get(row);
            }
            if (column instanceof NumericColumn n) {
                return n.get(row);
            }
            return ((TimestampColumn) column).epochMillis()[row];
        }

        private void requiredNulls(Column column, String role) {
            int nulls = column.nullCount();
            if (nulls > 0) {
                List<Long> examples = nullRows(column);
                add(Kind.REQUIRED_NULLS, column.name(), nulls, share(nulls), null, q.requiredNullSeverity(),
                        role + " column '" + column.name() + "': " + nulls + " null cells, e.g. row " + examples.get(0)
                                + "; expected a value in every row", examples, List.of());
            }
        }

        private void probabilities(NumericColumn column) {
            double[] v = column.values();
            long count = 0;
            List<Long> exampleRows = new ArrayList<>();
            List<String> exampleValues = new ArrayList<>();
            for (int i = 0; i < v.length; i++) {
                if (v[i] < 0 || v[i] > 1) {
                    count++;
                    if (exampleRows.size() < QualityReport.MAX_EXAMPLES) {
                        exampleRows.add(i + 1L);
                        exampleValues.add(number(v[i]));
                    }
                }
            }
            if (count > 0) {
                add(Kind.PROBABILITY_OUT_OF_RANGE, column.name(), count, share(count), null, q.outOfRangeSeverity(),
                        "probability column '" + column.name() + "': " + count + " values outside [0, 1]"
                                + example(exampleRows, exampleValues), exampleRows, exampleValues);
            }
        }

        private void labels(NumericColumn column, String role) {
            double[] v = column.values();
            long count = 0;
            List<Long> exampleRows = new ArrayList<>();
            List<String> exampleValues = new ArrayList<>();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isNaN(v[i]) && v[i] != 0 && v[i] != 1) {
                    count++;
                    if (exampleRows.size() < QualityReport.MAX_EXAMPLES) {
                        exampleRows.add(i + 1L);
                        exampleValues.add(number(v[i]));
                    }
                }
            }
            if (count > 0) {
                add(Kind.INVALID_LABEL, column.name(), count, share(count), null, q.outOfRangeSeverity(),
                        role + " column '" + column.name() + "': " + count + " values other than 0 or 1"
                                + example(exampleRows, exampleValues), exampleRows, exampleValues);
            }
        }

        private boolean expectType(Column column, Class<? extends Column> type, String expected) {
            if (type.isInstance(column)) {
                return true;
            }
            wrongType(column, expected);
            return false;
        }

        private void wrongType(Column column, String expected) {
            add(Kind.WRONG_COLUMN_TYPE, column.name(), 1, 0, null, q.unparseableSeverity(),
                    "column '" + column.name() + "' holds " + describe(column) + ", expected " + expected
                            + "; its other checks are skipped", List.of(), List.of());
        }

        private ColumnNullShare nullShare(Column column, Double budget) {
            int nulls = column.nullCount();
            ColumnNullShare s = new ColumnNullShare(column.name(), nulls, share(nulls), budget);
            nullShares.add(s);
            return s;
        }

        private List<Long> nullRows(Column column) {
            List<Long> examples = new ArrayList<>();
            for (int i = 0; i < rows && examples.size() < QualityReport.MAX_EXAMPLES; i++) {
                if (column.isNull(i)) {
                    examples.add(i + 1L);
                }
            }
            return examples;
        }

        private void add(Kind kind, String column, long count, double share, Double threshold, String severity,
                         String message, List<Long> exampleRows, List<String> exampleValues) {
            if (severity == null || QualitySettings.NONE.equalsIgnoreCase(severity)) {
                return;
            }
            findings.add(new QualityFinding(kind, column, count, share, threshold,
                    severity.toUpperCase(Locale.ROOT), message, exampleRows, exampleValues));
        }

        private double share(long count) {
            return rows == 0 ? 0 : (double) count / rows;
        }

        private static Set<String> roleNames(ColumnRoles roles) {
            return new HashSet<>(java.util.Arrays.asList(roles.id(), roles.timestamp(), roles.probability(),
                    roles.predictedClass(), roles.target(), roles.labelDate()));
        }

        private static String describe(Column column) {
            if (column instanceof NumericColumn) {
                return "numbers";
            }
            if (column instanceof TimestampColumn) {
                return "timestamps";
            }
            return "text";
        }

        private static String example(List<Long> rowsSeen, List<String> values) {
            return rowsSeen.isEmpty() ? "" : ", e.g. '" + values.get(0) + "' in row " + rowsSeen.get(0);
        }

        private static String quoted(List<String> values) {
            return values.stream().map(v -> "'" + v + "'").toList().toString();
        }

        private static String number(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }

        private static String percent(double share) {
            return String.format(Locale.ROOT, "%.2f %%", 100 * share);
        }
    }
}
