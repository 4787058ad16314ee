package io.modelwatch.core.quality;

import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.ColumnType;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TextBytes;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 *
 * <p>This class owns the accumulation (chunk order, merging, the byte form, the result); {@link QualityPlan}
 * decides the checks from the first chunk, and each check ({@link NullCount}, {@link OutOfRange}, {@link
 * UnknownCategories}, {@link DuplicateIds}, {@link ParseIssues}) keeps its own loop over its column.
 */
public final class QualityAccumulator implements AutoCloseable {

    private final MonitoringConfig config;
    private final long firstRow;
    private final int idsInMemory;
    private final Path spillDirectory;
    /** True when the duplicate-id check keeps no ids: they are counted apart and given to {@link #result(IdRepeats)}. */
    private final boolean idsApart;
    private long rows;
    private String source;
    private List<String> columnNames;
    private Map<String, Class<? extends Column>> types;
    private List<QualityCheck> checks;
    private ParseIssues parsing;

    private QualityAccumulator(MonitoringConfig config, long firstRow, int idsInMemory, Path spillDirectory,
                               boolean idsApart) {
        if (firstRow < 0) {
            throw new IllegalArgumentException("first row must be >= 0, got " + firstRow);
        }
        this.config = config;
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
            source = chunk.source();
            columnNames = chunk.columnNames();
            types = typesOf(chunk);
            checks = QualityPlan.checks(config, source, columnNames, types,
                    () -> idsApart ? null : new SpillingIdSet(idsInMemory, spillDirectory));
            parsing = new ParseIssues(config.quality().unparseableSeverity().name());
        } else {
            requireSameColumns(chunk.source(), chunk.columnNames(), typesOf(chunk));
        }
        long offset = firstRow + rows;
        for (QualityCheck c : checks) {
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
            for (QualityCheck c : checks) {
                if (c instanceof DuplicateIds d) {
                    d.close();
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
            for (QualityCheck c : checks) {
                if (c instanceof DuplicateIds d) {
                    d.countedApart(repeats);
                }
            }
        }
        return report();
    }

    private QualityReport report() {
        if (checks == null) {
            throw new IllegalStateException("no chunk added: the columns to check are not known");
        }
        ReportDraft out = new ReportDraft(Math.toIntExact(rows));
        for (QualityCheck c : checks) {
            if (c == QualityPlan.PARSING) {
                parsing.report(out, columnNames);
            } else {
                c.report(out);
            }
        }
        return new QualityReport(source, out.rows, out.nullShares, out.findings);
    }

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
        TextBytes.write(out, source);
        Map<String, ColumnType> columnTypes = headerTypes();
        out.writeInt(columnTypes.size());
        for (Map.Entry<String, ColumnType> e : columnTypes.entrySet()) {
            TextBytes.write(out, e.getKey());
            out.writeByte(e.getValue().ordinal());
        }
        for (QualityCheck c : checks) {
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
        String source = TextBytes.read(in);
        int n = in.readInt();
        Map<String, ColumnType> types = new LinkedHashMap<>();
        ColumnType[] all = ColumnType.values();
        for (int i = 0; i < n; i++) {
            types.put(TextBytes.read(in), all[in.readByte()]);
        }
        q.add(ColumnBatch.empty(source, types));
        for (QualityCheck c : q.checks) {
            c.readFrom(in, shift);
        }
        q.parsing.readFrom(in, shift);
        q.rows = rows;
        return q;
    }

    private Map<String, ColumnType> headerTypes() {
        Map<String, ColumnType> out = new LinkedHashMap<>();
        types.forEach((name, type) -> out.put(name, type == NumericColumn.class ? ColumnType.NUMERIC
                : type == CategoricalColumn.class ? ColumnType.CATEGORICAL
                : type == StringColumn.class ? ColumnType.STRING
                : ColumnType.TIMESTAMP));
        return out;
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
}
