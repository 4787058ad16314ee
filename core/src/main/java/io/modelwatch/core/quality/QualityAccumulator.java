package io.modelwatch.core.quality;

import io.modelwatch.core.config.CheckSeverity;
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

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * The data-quality checks of {@link DataQualityChecker} over a file read in chunks: {@link #add} each chunk in
 * file order, {@link #merge} the accumulator of the rows that follow, and {@link #result} is exactly
 * {@code DataQualityChecker.check} of the concatenated chunks (every count, share, example row and example
 * value; {@code check} itself is one chunk of this class).
 *
 * <p>The columns, their types and the source are taken from the first chunk; every chunk must have the same
 * columns with the same types. Row numbers are file rows: the accumulator built by {@link #of(MonitoringConfig,
 * long)} numbers its first row {@code firstRow + 1}, and the parse reports of the chunks carry file rows
 * already (as {@code CsvReader.stream} makes them). Examples are the first ones in file order.
 *
 * <p>Memory does not grow with the row count, nor with the number of ids: the duplicate-id check keeps the ids
 * of the latest rows exactly in memory, up to {@value SpillingIdSet#DEFAULT_IN_MEMORY} distinct ids (about 50 MB
 * for 10-character ids), and spills the earlier ones to temporary files as sorted runs, 5 bytes plus the key
 * length per id (150 MB of disk for ten million 10-character ids), merged and deleted by {@link #result} (see
 * {@link SpillingIdSet}); {@link #close} deletes them when the result is not wanted. Everything else is bounded
 * by the number of columns, the {@value QualityReport#MAX_EXAMPLES} examples per finding and the distinct
 * unknown categories. Checks whose severity is {@code NONE} keep nothing. Once ids were spilled, {@link #result}
 * ends the accumulation: no chunk can be added or merged after it (it may be asked again).
 */
public final class QualityAccumulator implements AutoCloseable {

    /** Where the parsing findings go in the check order (they are reported by {@link Parsing}). */
    private static final Check PARSING = out -> { };

    private final MonitoringConfig config;
    private final QualitySettings q;
    private final long firstRow;
    private final int idsInMemory;
    private final Path spillDirectory;
    /** True when the duplicate-id check keeps no ids: they are counted apart and given to {@link #result(IdRepeats)}. */
    private final boolean idsApart;
    private long rows;
    private String source;
    private List<String> columnNames;
    private Map<String, Class<? extends Column>> types;
    private List<Check> checks;
    private Parsing parsing;

    private QualityAccumulator(MonitoringConfig config, long firstRow, int idsInMemory, Path spillDirectory,
                               boolean idsApart) {
        if (firstRow < 0) {
            throw new IllegalArgumentException("first row must be >= 0, got " + firstRow);
        }
        this.config = config;
        this.q = config.quality();
        this.firstRow = firstRow;
        this.idsInMemory = idsInMemory;
        this.spillDirectory = spillDirectory;
        this.idsApart = idsApart;
    }

    /** An accumulator for a file's rows from its first. */
    public static QualityAccumulator of(MonitoringConfig config) {
        return of(config, 0);
    }

    /** An accumulator for rows after the first {@code firstRow} rows of a file (to be merged into theirs). */
    public static QualityAccumulator of(MonitoringConfig config, long firstRow) {
        return of(config, firstRow, SpillingIdSet.DEFAULT_IN_MEMORY, null);
    }

    /**
     * An accumulator that keeps at most {@code idsInMemory} distinct ids in memory before spilling them to
     * {@code spillDirectory} (null: {@code java.io.tmpdir}).
     */
    static QualityAccumulator of(MonitoringConfig config, long firstRow, int idsInMemory, Path spillDirectory) {
        return new QualityAccumulator(config, firstRow, idsInMemory, spillDirectory, false);
    }

    /**
     * An accumulator whose duplicate-id check keeps no ids: the caller counts the repeated ids of all rows apart
     * (a distributed run groups them by value) and gives them to {@link #result(IdRepeats)}. Such accumulators
     * travel as bytes ({@link #writeTo}, {@link #readFrom}); their rows may be numbered from the start of a
     * partition and placed in the file by {@link #readFrom}.
     */
    public static QualityAccumulator withIdsCountedApart(MonitoringConfig config, long firstRow) {
        return new QualityAccumulator(config, firstRow, 1, null, true);
    }

    /** The text the duplicate-id check compares and reports for the id in {@code row} of {@code column}. */
    public static String idText(Column column, int row) {
        return DuplicateIds.idAt(column, row);
    }

    /** Checks the next chunk of rows. */
    public QualityAccumulator add(ColumnBatch chunk) {
        if (checks == null) {
            plan(chunk);
        } else {
            requireSameColumns(chunk.source(), chunk.columnNames(), typesOf(chunk));
        }
        long offset = firstRow + rows;
        for (Check c : checks) {
            c.add(chunk, offset);
        }
        parsing.add(chunk.parseReport());
        rows += chunk.rowCount();
        return this;
    }

    /**
     * Adds the rows of {@code later}, the accumulator of the rows right after this one's (built with {@code
     * firstRow} = this one's first row plus its row count). {@code later} must not be used afterwards.
     */
    public QualityAccumulator merge(QualityAccumulator later) {
        if (later.firstRow != firstRow + rows) {
            throw new IllegalArgumentException("merge expects the rows right after this accumulator's: first row "
                    + (firstRow + rows) + ", got an accumulator starting at row " + later.firstRow);
        }
        if (later.idsApart != idsApart) {
            throw new IllegalArgumentException("cannot merge an accumulator that counts ids apart with one that does not");
        }
        if (later.checks == null) {
            return this;
        }
        if (checks == null) {
            source = later.source;
            columnNames = later.columnNames;
            types = later.types;
            checks = later.checks;
            parsing = later.parsing;
        } else {
            requireSameColumns(later.source, later.columnNames, later.types);
            for (int i = 0; i < checks.size(); i++) {
                checks.get(i).merge(later.checks.get(i));
            }
            parsing.merge(later.parsing);
        }
        rows += later.rows;
        return this;
    }

    /**
     * Deletes the duplicate-id check's spilled ids, if any, for an accumulation abandoned before its {@link
     * #result} (which deletes them itself); no chunk can be added afterwards if there were any.
     */
    @Override
    public void close() {
        if (checks != null) {
            for (Check c : checks) {
                if (c instanceof DuplicateIds d && d.seen != null) {
                    d.seen.close();
                }
            }
        }
    }

    /** The report of all rows added, equal to {@link DataQualityChecker#check} on their concatenation. */
    public QualityReport result() {
        if (idsApart) {
            throw new IllegalStateException("the ids were counted apart: give their repeats to result(IdRepeats)");
        }
        return report();
    }

    /**
     * The report of all rows added with the duplicate-id check's numbers counted apart (see {@link
     * #withIdsCountedApart}): equal to {@link DataQualityChecker#check} on the rows when {@code repeats} are those
     * of their ids.
     */
    public QualityReport result(IdRepeats repeats) {
        if (!idsApart) {
            throw new IllegalStateException("this accumulator counts the ids itself: use result()");
        }
        if (checks != null) {
            for (Check c : checks) {
                if (c instanceof DuplicateIds d) {
                    d.apart = repeats;
                }
            }
        }
        return report();
    }

    private QualityReport report() {
        if (checks == null) {
            throw new IllegalStateException("no chunk added: the columns to check are not known");
        }
        Report out = new Report(Math.toIntExact(rows));
        for (Check c : checks) {
            if (c == PARSING) {
                parsing.report(out, columnNames);
            } else {
                c.report(out);
            }
        }
        return new QualityReport(source, out.rows, out.nullShares, out.findings);
    }

    // ---------------------------------------------------------------------------------------- bytes

    /**
     * Writes the accumulation: its first row, rows, columns and what each check kept. Only an accumulator whose
     * ids are counted apart can be written (the ids of a large batch are not meant to travel).
     *
     * @throws IllegalStateException when this accumulator keeps the ids itself
     */
    public void writeTo(DataOutput out) throws IOException {
        if (!idsApart) {
            throw new IllegalStateException("only an accumulator whose ids are counted apart travels as bytes "
                    + "(QualityAccumulator.withIdsCountedApart)");
        }
        out.writeLong(firstRow);
        out.writeLong(rows);
        out.writeBoolean(checks != null);
        if (checks == null) {
            return;
        }
        writeText(out, source);
        Map<String, io.modelwatch.core.data.ColumnType> columnTypes = headerTypes();
        out.writeInt(columnTypes.size());
        for (Map.Entry<String, io.modelwatch.core.data.ColumnType> e : columnTypes.entrySet()) {
            writeText(out, e.getKey());
            out.writeByte(e.getValue().ordinal());
        }
        for (Check c : checks) {
            c.writeTo(out);
        }
        parsing.writeTo(out);
    }

    /**
     * An accumulation written by {@link #writeTo}, whose first row is placed at file row {@code firstRow + 1}
     * (every row number it holds moves with it), to be merged with the accumulations of the rows around it.
     */
    public static QualityAccumulator readFrom(DataInput in, MonitoringConfig config, long firstRow) throws IOException {
        long writtenFirstRow = in.readLong();
        long shift = firstRow - writtenFirstRow;
        QualityAccumulator q = withIdsCountedApart(config, firstRow);
        long rows = in.readLong();
        if (!in.readBoolean()) {
            q.rows = rows;
            return q;
        }
        String source = readText(in);
        int n = in.readInt();
        Map<String, io.modelwatch.core.data.ColumnType> types = new LinkedHashMap<>();
        io.modelwatch.core.data.ColumnType[] all = io.modelwatch.core.data.ColumnType.values();
        for (int i = 0; i < n; i++) {
            types.put(readText(in), all[in.readByte()]);
        }
        q.add(ColumnBatch.empty(source, types));
        for (Check c : q.checks) {
            c.readFrom(in, shift);
        }
        q.parsing.readFrom(in, shift);
        q.rows = rows;
        return q;
    }

    private Map<String, io.modelwatch.core.data.ColumnType> headerTypes() {
        Map<String, io.modelwatch.core.data.ColumnType> out = new LinkedHashMap<>();
        types.forEach((name, type) -> out.put(name, type == NumericColumn.class ? io.modelwatch.core.data.ColumnType.NUMERIC
                : type == CategoricalColumn.class ? io.modelwatch.core.data.ColumnType.CATEGORICAL
                : type == StringColumn.class ? io.modelwatch.core.data.ColumnType.STRING
                : io.modelwatch.core.data.ColumnType.TIMESTAMP));
        return out;
    }

    private static void writeText(DataOutput out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(DataInput in) throws IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    // ----------------------------------------------------------------------------------------- the plan

    /** Decides the checks from the first chunk's columns, in the order {@code check} reports them. */
    private void plan(ColumnBatch first) {
        source = first.source();
        columnNames = first.columnNames();
        types = typesOf(first);
        checks = new ArrayList<>();
        parsing = new Parsing();
        ColumnRoles roles = config.roles();
        emptyBatch();
        columns(roles);
        checks.add(PARSING);
        roleColumns(roles);
        for (FeatureSpec f : config.features()) {
            if (types.containsKey(f.name())) {
                feature(f, types.get(f.name()));
            }
        }
        if (types.containsKey(roles.id()) && enabled(q.duplicateIdSeverity().name())) {
            checks.add(new DuplicateIds(roles.id(), q.duplicateIdSeverity().name(),
                    idsApart ? null : new SpillingIdSet(idsInMemory, spillDirectory)));
        }
    }

    private void columns(ColumnRoles roles) {
        for (String required : List.of(roles.id(), roles.timestamp(), roles.probability())) {
            if (!types.containsKey(required)) {
                fixed(Kind.MISSING_ROLE_COLUMN, required, q.missingColumnSeverity().name(),
                        "required column '" + required + "' is missing from the input");
            }
        }
        for (FeatureSpec f : config.features()) {
            if (!types.containsKey(f.name())) {
                fixed(Kind.MISSING_FEATURE_COLUMN, f.name(), q.missingColumnSeverity().name(),
                        "feature column '" + f.name() + "' is missing from the input");
            }
        }
        Set<String> known = new HashSet<>(config.featureNames());
        known.addAll(Arrays.asList(roles.id(), roles.timestamp(), roles.probability(), roles.predictedClass(),
                roles.target(), roles.labelDate()));
        for (String name : columnNames) {
            if (!known.contains(name)) {
                fixed(Kind.UNEXPECTED_COLUMN, name, q.unexpectedColumnSeverity().name(),
                        "column '" + name + "' is not a configured feature or role column; it is not monitored");
            }
        }
    }

    private void roleColumns(ColumnRoles roles) {
        if (types.containsKey(roles.id())) {
            requiredNulls(nulls(roles.id(), null), "id");
        }
        if (expectType(roles.timestamp(), TimestampColumn.class, "ISO-8601 timestamps")) {
            requiredNulls(nulls(roles.timestamp(), null), "timestamp");
        }
        if (expectType(roles.probability(), NumericColumn.class, "numbers")) {
            Nulls probability = nulls(roles.probability(), null);
            requiredNulls(probability, "probability");
            noUsableValues(probability);
            outliers(new Outliers(roles.probability(), 0, 1, false, null, null));
        }
        if (expectType(roles.predictedClass(), NumericColumn.class, "numbers")) {
            Nulls predicted = nulls(roles.predictedClass(), null);
            requiredNulls(predicted, "predicted class");
            noUsableValues(predicted);
            outliers(new Outliers(roles.predictedClass(), 0, 1, true, null, "predicted class"));
        }
        if (expectType(roles.target(), NumericColumn.class, "numbers")) {
            nulls(roles.target(), null);
            outliers(new Outliers(roles.target(), 0, 1, true, null, "actual outcome"));
        }
        if (expectType(roles.labelDate(), TimestampColumn.class, "ISO-8601 dates")) {
            nulls(roles.labelDate(), null);
        }
    }

    private void feature(FeatureSpec f, Class<? extends Column> type) {
        if (f.isNumeric()) {
            if (expectType(f.name(), NumericColumn.class, "numbers (a numeric feature)")) {
                noUsableValues(nulls(f.name(), f));
                if (f.min() != null || f.max() != null) {
                    outliers(new Outliers(f.name(), f.min() == null ? Double.NEGATIVE_INFINITY : f.min(),
                            f.max() == null ? Double.POSITIVE_INFINITY : f.max(), false, f, null));
                }
            }
        } else if (type != CategoricalColumn.class && type != StringColumn.class) {
            wrongType(f.name(), "text values (a categorical feature)");
        } else {
            noUsableValues(nulls(f.name(), f));
            if (!f.allowedValues().isEmpty() && enabled(q.unknownCategorySeverity().name())) {
                checks.add(new UnknownCategories(f, q.unknownCategorySeverity().name()));
            }
        }
    }

    /** True when the column is present with this type; a wrong-type finding when present with another. */
    private boolean expectType(String column, Class<? extends Column> type, String expected) {
        Class<? extends Column> actual = types.get(column);
        if (actual == null) {
            return false;
        }
        if (actual != type) {
            wrongType(column, expected);
            return false;
        }
        return true;
    }

    private void wrongType(String column, String expected) {
        Class<? extends Column> actual = types.get(column);
        String holds = actual == NumericColumn.class ? "numbers" : actual == TimestampColumn.class ? "timestamps"
                : "text";
        fixed(Kind.WRONG_COLUMN_TYPE, column, q.unparseableSeverity().name(), "column '" + column + "' holds " + holds
                + ", expected " + expected + "; its other checks are skipped");
    }

    private void fixed(Kind kind, String column, String severity, String message) {
        QualityFinding finding = finding(kind, column, 1, 0, null, severity, message, List.of(), List.of());
        if (finding != null) {
            checks.add(out -> out.findings.add(finding));
        }
    }

    private Nulls nulls(String column, FeatureSpec feature) {
        Nulls n = new Nulls(column, feature, q.nullBudgetSeverity().name());
        checks.add(n);
        return n;
    }

    /** A batch without rows: reported first, since every other number of the run is then empty. */
    private void emptyBatch() {
        String severity = q.noValuesSeverity().name();
        if (enabled(severity)) {
            checks.add(out -> {
                if (out.rows == 0) {
                    out.add(Kind.EMPTY_BATCH, null, 0, 0, null, severity, "empty batch: " + source
                            + " has a header and no rows; drift and performance are not computable", List.of(),
                            List.of());
                }
            });
        }
    }

    /**
     * A column of a non-empty batch whose every cell is null (empty or unparseable): nothing to test. Not for a
     * feature whose null budget is 100 % (inferred so from a reference where it was empty: it is expected empty).
     */
    private void noUsableValues(Nulls nulls) {
        String severity = q.noValuesSeverity().name();
        boolean mayBeEmpty = nulls.feature != null && nulls.feature.nullBudget() >= 1.0;
        if (enabled(severity) && !mayBeEmpty) {
            checks.add(out -> {
                if (out.rows > 0 && nulls.count == out.rows) {
                    out.add(Kind.NO_USABLE_VALUES, nulls.column, nulls.count, 1.0, null, severity,
                            "no usable values in column " + nulls.column + ": all " + nulls.count
                                    + " cells are empty or unparseable; its drift is not computable",
                            nulls.examples.rows(), List.of());
                }
            });
        }
    }

    private void requiredNulls(Nulls nulls, String role) {
        String severity = q.requiredNullSeverity().name();
        if (enabled(severity)) {
            checks.add(out -> {
                if (nulls.count > 0) {
                    out.add(Kind.REQUIRED_NULLS, nulls.column, nulls.count, out.share(nulls.count), null, severity,
                            role + " column '" + nulls.column + "': " + nulls.count + " null cells, e.g. row "
                                    + nulls.examples.rows().get(0) + "; expected a value in every row",
                            nulls.examples.rows(), List.of());
                }
            });
        }
    }

    private void outliers(Outliers o) {
        if (enabled(q.outOfRangeSeverity().name())) {
            checks.add(o);
        }
    }

    private void requireSameColumns(String chunkSource, List<String> names,
                                    Map<String, Class<? extends Column>> chunkTypes) {
        if (!names.equals(columnNames) || !chunkTypes.equals(types)) {
            throw new IllegalArgumentException(chunkSource + ": rows with columns " + chunkTypes
                    + ", expected the columns and types of the first chunk " + types);
        }
    }

    private static Map<String, Class<? extends Column>> typesOf(ColumnBatch chunk) {
        Map<String, Class<? extends Column>> t = new LinkedHashMap<>();
        chunk.columns().forEach((name, column) -> t.put(name, column.getClass()));
        return t;
    }

    private static boolean enabled(String severity) {
        return severity != null && !CheckSeverity.NONE.name().equals(severity);
    }

    private static QualityFinding finding(Kind kind, String column, long count, double share, Double threshold,
                                          String severity, String message, List<Long> exampleRows,
                                          List<String> exampleValues) {
        if (!enabled(severity)) {
            return null;
        }
        return new QualityFinding(kind, column, count, share, threshold, severity.toUpperCase(Locale.ROOT), message,
                exampleRows, exampleValues);
    }

    // --------------------------------------------------------------------------------------- the checks

    /** The report being assembled: null shares and findings in check order. */
    private static final class Report {
        final int rows;
        final List<ColumnNullShare> nullShares = new ArrayList<>();
        final List<QualityFinding> findings = new ArrayList<>();

        Report(int rows) {
            this.rows = rows;
        }

        double share(long count) {
            return rows == 0 ? 0 : (double) count / rows;
        }

        void add(Kind kind, String column, long count, double share, Double threshold, String severity,
                 String message, List<Long> exampleRows, List<String> exampleValues) {
            QualityFinding f = finding(kind, column, count, share, threshold, severity, message, exampleRows,
                    exampleValues);
            if (f != null) {
                findings.add(f);
            }
        }
    }

    /** One check: what it keeps of the chunks, and what it reports at the end. */
    private interface Check {
        /** Adds a chunk whose first row is file row {@code offset + 1}. */
        default void add(ColumnBatch chunk, long offset) {
        }

        /** Adds the same check over later rows. */
        default void merge(Check later) {
        }

        /** Writes what the check kept (nothing for a check that keeps nothing). */
        default void writeTo(DataOutput out) throws IOException {
        }

        /** Reads what {@link #writeTo} wrote, moving every row number by {@code shift}. */
        default void readFrom(DataInput in, long shift) throws IOException {
        }

        void report(Report out);
    }

    /** The first {@value QualityReport#MAX_EXAMPLES} offending rows in file order, with their values if any. */
    private static final class Examples {
        private final int limit;
        private final List<Long> rows = new ArrayList<>();
        private final List<String> values = new ArrayList<>();

        Examples(int limit) {
            this.limit = limit;
        }

        Examples() {
            this(QualityReport.MAX_EXAMPLES);
        }

        boolean full() {
            return rows.size() >= limit;
        }

        void add(long row, String value) {
            if (!full()) {
                rows.add(row);
                if (value != null) {
                    values.add(value);
                }
            }
        }

        void merge(Examples later) {
            for (int i = 0; i < later.rows.size() && !full(); i++) {
                add(later.rows.get(i), later.values.isEmpty() ? null : later.values.get(i));
            }
        }

        /** Keeps the first of these examples and {@code repeats} (in row order), by row. */
        void interleave(List<IdSet.Repeat> repeats) {
            List<Long> a = List.copyOf(rows);
            List<String> v = List.copyOf(values);
            rows.clear();
            values.clear();
            int i = 0;
            int k = 0;
            while (!full() && (i < a.size() || k < repeats.size())) {
                if (k == repeats.size() || i < a.size() && a.get(i) < repeats.get(k).row()) {
                    add(a.get(i), v.get(i));
                    i++;
                } else {
                    add(repeats.get(k).row(), repeats.get(k).id());
                    k++;
                }
            }
        }

        List<Long> rows() {
            return rows;
        }

        List<String> values() {
            return values;
        }

        void writeTo(DataOutput out) throws IOException {
            out.writeInt(rows.size());
            out.writeBoolean(!values.isEmpty());
            for (int i = 0; i < rows.size(); i++) {
                out.writeLong(rows.get(i));
                if (!values.isEmpty()) {
                    writeText(out, values.get(i));
                }
            }
        }

        void readFrom(DataInput in, long shift) throws IOException {
            rows.clear();
            values.clear();
            int n = in.readInt();
            boolean withValues = in.readBoolean();
            for (int i = 0; i < n; i++) {
                rows.add(in.readLong() + shift);
                if (withValues) {
                    values.add(readText(in));
                }
            }
        }
    }

    /** A column's null count: its null share, and for a feature the null-budget finding. */
    /** A check that counts offending cells and keeps the first rows (and values) in file order. */
    private abstract static class CountingCheck implements Check {
        long count;
        final Examples examples = new Examples();

        @Override
        public void merge(Check later) {
            CountingCheck l = (CountingCheck) later;
            count += l.count;
            examples.merge(l.examples);
        }

        @Override
        public void writeTo(DataOutput out) throws IOException {
            out.writeLong(count);
            examples.writeTo(out);
        }

        @Override
        public void readFrom(DataInput in, long shift) throws IOException {
            count = in.readLong();
            examples.readFrom(in, shift);
        }
    }

    private static final class Nulls extends CountingCheck {
        final String column;
        final FeatureSpec feature;
        final String budgetSeverity;

        Nulls(String column, FeatureSpec feature, String budgetSeverity) {
            this.column = column;
            this.feature = feature;
            this.budgetSeverity = budgetSeverity;
        }

        @Override
        public void add(ColumnBatch chunk, long offset) {
            Column c = chunk.column(column);
            int nulls = c.nullCount();
            count += nulls;
            for (int i = 0, n = c.size(); i < n && nulls > 0 && !examples.full(); i++) {
                if (c.isNull(i)) {
                    examples.add(offset + i + 1, null);
                }
            }
        }


        @Override
        public void report(Report out) {
            Double budget = feature == null ? null : feature.nullBudget();
            double share = out.share(count);
            out.nullShares.add(new ColumnNullShare(column, count, share, budget));
            if (feature != null && share > budget) {
                out.add(Kind.NULL_SHARE_ABOVE_BUDGET, column, count, share, budget, budgetSeverity,
                        "feature '" + column + "': " + count + " null cells (" + percent(share)
                                + "), above its null budget of " + percent(budget) + ", e.g. row "
                                + examples.rows().get(0), examples.rows(), List.of());
            }
        }
    }

    /**
     * Numeric values outside [lo, hi] (a feature's range or a probability's [0, 1]; nulls, NaN, fail neither
     * comparison), or with {@code labels} non-null values other than 0 and 1.
     */
    private final class Outliers extends CountingCheck {
        final String column;
        final double lo;
        final double hi;
        final boolean labels;
        final FeatureSpec feature;
        final String role;

        Outliers(String column, double lo, double hi, boolean labels, FeatureSpec feature, String role) {
            this.column = column;
            this.lo = lo;
            this.hi = hi;
            this.labels = labels;
            this.feature = feature;
            this.role = role;
        }

        @Override
        public void add(ColumnBatch chunk, long offset) {
            double[] v = ((NumericColumn) chunk.column(column)).values();
            for (int i = 0; i < v.length; i++) {
                double x = v[i];
                if (labels ? !Double.isNaN(x) && x != 0 && x != 1 : x < lo || x > hi) {
                    count++;
                    if (!examples.full()) {
                        examples.add(offset + i + 1, number(x));
                    }
                }
            }
        }


        @Override
        public void report(Report out) {
            if (count == 0) {
                return;
            }
            String severity = q.outOfRangeSeverity().name();
            List<Long> rowsSeen = examples.rows();
            List<String> values = examples.values();
            if (labels) {
                out.add(Kind.INVALID_LABEL, column, count, out.share(count), null, severity,
                        role + " column '" + column + "': " + count + " values other than 0 or 1"
                                + example(rowsSeen, values), rowsSeen, values);
            } else if (feature == null) {
                out.add(Kind.PROBABILITY_OUT_OF_RANGE, column, count, out.share(count), null, severity,
                        "probability column '" + column + "': " + count + " values outside [0, 1]"
                                + example(rowsSeen, values), rowsSeen, values);
            } else {
                out.add(Kind.OUT_OF_RANGE, column, count, out.share(count), null, severity,
                        "feature '" + column + "': " + count + " values (" + percent(out.share(count)) + ") outside "
                                + "[" + (feature.min() == null ? "-inf" : number(feature.min())) + ", "
                                + (feature.max() == null ? "+inf" : number(feature.max())) + "]"
                                + example(rowsSeen, values), rowsSeen, values);
            }
        }
    }

    /**
     * Categorical values outside the allowed ones: their count, first rows, and the count of each distinct
     * unknown value in first-seen order (memory grows with the distinct unknown values only).
     */
    private static final class UnknownCategories implements Check {
        final FeatureSpec feature;
        final String severity;
        final Set<String> allowed;
        long count;
        final Examples examples = new Examples();
        final Map<String, long[]> unknown = new LinkedHashMap<>();

        UnknownCategories(FeatureSpec feature, String severity) {
            this.feature = feature;
            this.severity = severity;
            this.allowed = new HashSet<>(feature.allowedValues());
        }

        @Override
        public void add(ColumnBatch chunk, long offset) {
            Column column = chunk.column(feature.name());
            if (column instanceof CategoricalColumn c) {
                List<String> dictionary = c.dictionary();
                boolean[] bad = new boolean[dictionary.size()];
                for (int code = 0; code < bad.length; code++) {
                    bad[code] = !allowed.contains(dictionary.get(code));
                }
                long[] perCode = new long[bad.length];
                int[] firstSeen = new int[bad.length];
                int distinct = 0;
                int[] codes = c.codes();
                for (int i = 0; i < codes.length; i++) {
                    int code = codes[i];
                    if (code != CategoricalColumn.NULL_CODE && bad[code]) {
                        count++;
                        if (perCode[code]++ == 0) {
                            firstSeen[distinct++] = code;
                        }
                        if (!examples.full()) {
                            examples.add(offset + i + 1, null);
                        }
                    }
                }
                for (int k = 0; k < distinct; k++) {
                    unknown.computeIfAbsent(dictionary.get(firstSeen[k]), v -> new long[1])[0] += perCode[firstSeen[k]];
                }
            } else {
                StringColumn s = (StringColumn) column;
                for (int i = 0, n = s.size(); i < n; i++) {
                    String value = s.get(i);
                    if (value != null && !allowed.contains(value)) {
                        count++;
                        unknown.computeIfAbsent(value, v -> new long[1])[0]++;
                        if (!examples.full()) {
                            examples.add(offset + i + 1, null);
                        }
                    }
                }
            }
        }

        @Override
        public void merge(Check later) {
            UnknownCategories l = (UnknownCategories) later;
            count += l.count;
            examples.merge(l.examples);
            l.unknown.forEach((value, n) -> unknown.computeIfAbsent(value, v -> new long[1])[0] += n[0]);
        }

        @Override
        public void writeTo(DataOutput out) throws IOException {
            out.writeLong(count);
            examples.writeTo(out);
            out.writeInt(unknown.size());
            for (Map.Entry<String, long[]> e : unknown.entrySet()) {
                writeText(out, e.getKey());
                out.writeLong(e.getValue()[0]);
            }
        }

        @Override
        public void readFrom(DataInput in, long shift) throws IOException {
            count = in.readLong();
            examples.readFrom(in, shift);
            unknown.clear();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                unknown.put(readText(in), new long[] {in.readLong()});
            }
        }

        @Override
        public void report(Report out) {
            if (count == 0) {
                return;
            }
            // A stable sort: equal counts stay in first-seen order.
            List<String> values = unknown.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed())
                    .limit(QualityReport.MAX_VALUES).map(Map.Entry::getKey).toList();
            out.add(Kind.UNKNOWN_CATEGORY, feature.name(), count, out.share(count), null, severity,
                    "feature '" + feature.name() + "': " + count + " values (" + percent(out.share(count))
                            + ") outside the allowed " + feature.allowedValues() + ": " + quoted(values)
                            + (unknown.size() > values.size() ? " and " + (unknown.size() - values.size())
                            + " more" : ""), examples.rows(), values);
        }
    }

    /**
     * Rows whose id occurred in an earlier row. Ids compare as text: a numeric id as {@link Double#toString}
     * (one-to-one on non-NaN doubles, so the same as comparing the doubles with {@code equals}), a timestamp id
     * as its epoch milliseconds.
     */
    private static final class DuplicateIds implements Check {
        final String column;
        final String severity;
        /** The ids seen; null when they are counted apart. */
        SpillingIdSet seen;
        /** The repeats counted apart, given to the result; null until then (or when the ids are counted here). */
        IdRepeats apart;
        /** Rows whose id repeats one of the same run of {@link #seen}, and then (after the merge of the runs) all. */
        long count;
        final Examples examples = new Examples();

        DuplicateIds(String column, String severity, SpillingIdSet seen) {
            this.column = column;
            this.severity = severity;
            this.seen = seen;
        }

        @Override
        public void add(ColumnBatch chunk, long offset) {
            if (seen == null) {
                return; // counted apart
            }
            Column c = chunk.column(column);
            for (int i = 0, n = c.size(); i < n; i++) {
                if (c.isNull(i)) {
                    continue;
                }
                boolean added = c instanceof StringColumn s ? seen.add(s, i, offset + i + 1)
                        : seen.add(idAt(c, i), offset + i + 1);
                if (!added) {
                    count++;
                    if (!examples.full()) {
                        examples.add(offset + i + 1, idAt(c, i));
                    }
                }
            }
        }

        /**
         * The later rows' duplicates are their own repeats plus the first occurrences (in the later rows) of ids
         * seen here; both come in row order, so the first examples are the first of their merge.
         */
        @Override
        public void merge(Check later) {
            DuplicateIds l = (DuplicateIds) later;
            if (seen == null) {
                return; // counted apart
            }
            long[] repeated = new long[1];
            List<IdSet.Repeat> cross = seen.addAll(l.seen, QualityReport.MAX_EXAMPLES, repeated);
            count += l.count + repeated[0];
            examples.merge(l.examples);
            examples.interleave(cross);
            l.seen = null;
        }

        @Override
        public void report(Report out) {
            if (seen == null) {
                count = apart.count();
                examples.interleave(apart.first().stream().map(r -> new IdSet.Repeat(r.row(), r.id())).toList());
            } else {
                // The repeats across spilled runs complete the count and examples (see SpillingIdSet for why).
                SpillingIdSet.Repeats across = seen.repeatsAcrossRuns(QualityReport.MAX_EXAMPLES);
                count += across.count();
                examples.interleave(across.first());
            }
            if (count == 0) {
                return;
            }
            List<String> ids = List.copyOf(new LinkedHashSet<>(examples.values()));
            out.add(Kind.DUPLICATE_ID, column, count, out.share(count), null, severity,
                    "id column '" + column + "': " + count + " rows repeat an id seen earlier in the batch, e.g. "
                            + quoted(ids) + " (row " + examples.rows().get(0) + "); expected one row per id",
                    examples.rows(), ids);
        }

        @Override
        public void writeTo(DataOutput out) {
            if (seen != null) {
                throw new IllegalStateException("the duplicate-id check's ids do not travel as bytes: count them apart "
                        + "(QualityAccumulator.withIdsCountedApart)");
            }
        }

        static String idAt(Column column, int row) {
            if (column instanceof StringColumn s) {
                return s.get(row);
            }
            if (column instanceof CategoricalColumn c) {
                return c.get(row);
            }
            if (column instanceof NumericColumn n) {
                return Double.toString(n.get(row));
            }
            return Long.toString(((TimestampColumn) column).epochMillis()[row]);
        }
    }

    /**
     * The chunks' parse reports: per column the bad-cell count and first examples, and the malformed rows.
     * Reported where {@code check} reports parsing, in column order.
     */
    private final class Parsing {
        final Map<String, String> expected = new HashMap<>();
        final Map<String, long[]> counts = new LinkedHashMap<>();
        final Map<String, Examples> cells = new HashMap<>();
        long malformed;
        final Examples malformedRows = new Examples(ParseReport.MAX_EXAMPLES);

        void add(ParseReport report) {
            report.badCells().values().forEach(issues -> {
                expected.putIfAbsent(issues.column(), issues.expected());
                counts.computeIfAbsent(issues.column(), c -> new long[1])[0] += issues.count();
                Examples e = cells.computeIfAbsent(issues.column(), c -> new Examples(ParseReport.MAX_EXAMPLES));
                issues.examples().forEach(x -> e.add(x.row(), x.text()));
            });
            malformed += report.malformedRows().count();
            report.malformedRows().exampleRows().forEach(row -> malformedRows.add(row, null));
        }

        void merge(Parsing later) {
            later.counts.forEach((column, n) -> {
                expected.putIfAbsent(column, later.expected.get(column));
                counts.computeIfAbsent(column, c -> new long[1])[0] += n[0];
                cells.computeIfAbsent(column, c -> new Examples(ParseReport.MAX_EXAMPLES))
                        .merge(later.cells.get(column));
            });
            malformed += later.malformed;
            malformedRows.merge(later.malformedRows);
        }

        void writeTo(DataOutput out) throws IOException {
            out.writeInt(counts.size());
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                writeText(out, e.getKey());
                writeText(out, expected.get(e.getKey()));
                out.writeLong(e.getValue()[0]);
                cells.get(e.getKey()).writeTo(out);
            }
            out.writeLong(malformed);
            malformedRows.writeTo(out);
        }

        void readFrom(DataInput in, long shift) throws IOException {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String column = readText(in);
                expected.put(column, readText(in));
                counts.put(column, new long[] {in.readLong()});
                Examples e = new Examples(ParseReport.MAX_EXAMPLES);
                e.readFrom(in, shift);
                cells.put(column, e);
            }
            malformed = in.readLong();
            malformedRows.readFrom(in, shift);
        }

        void report(Report out, List<String> columnOrder) {
            counts.keySet().stream().sorted(Comparator.comparingInt(columnOrder::indexOf)).forEach(column -> {
                long n = counts.get(column)[0];
                List<Long> rowsSeen = cells.get(column).rows();
                List<String> texts = cells.get(column).values();
                out.add(Kind.UNPARSEABLE_CELLS, column, n, out.share(n), null, q.unparseableSeverity().name(),
                        "column '" + column + "': " + n + " cells are not a valid " + expected.get(column)
                                + example(rowsSeen, texts) + "; they count as nulls", rowsSeen, texts);
            });
            if (malformed > 0) {
                out.add(Kind.MALFORMED_ROWS, null, malformed, out.share(malformed), null, q.unparseableSeverity().name(),
                        malformed + " rows have a different number of fields than the header (missing cells are "
                                + "null, extra cells ignored), e.g. row " + malformedRows.rows().get(0),
                        malformedRows.rows(), List.of());
            }
        }
    }

    // ------------------------------------------------------------------------------------------- text

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
