package io.modelwatch.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the {@link ColumnBatch}es of a typed, columnar source (a Parquet file) with the rules of {@link CsvReader},
 * so that a table read from either format gives the same batches: the same column classes, the same dictionary
 * growth from chunk to chunk, and the same parse report. The caller decides each column's {@link ColumnType} from the
 * {@link TableSchema} and fills the columns one at a time, in file order:
 * <ul>
 *   <li>{@link #number} and {@link #timestamp} take a value the source already holds in the column's type (a
 *       NaN number is null, as the CSV text {@code NaN});</li>
 *   <li>{@link #text} takes a value as UTF-8 text and applies the CSV rule of the column's type: a number or
 *       timestamp that does not parse becomes null and is counted in the parse report with its file row and
 *       text; an empty text is null;</li>
 *   <li>{@link #nullCell} is a null (not a parse issue).</li>
 * </ul>
 * {@link #take} hands over the rows added to every column since the last call as one chunk, with the parse issues
 * of those rows. Not thread-safe.
 */
public final class TypedBatchBuilder {

    private final String source;
    private final List<String> names;
    private final ColumnBuilder[] builders;
    private final ParseIssueCollector whole = new ParseIssueCollector();
    private final ParseIssueCollector chunk = new ParseIssueCollector();
    private long rows;

    /**
     * @param source the file the rows come from (for error messages and reports)
     * @param types  the columns in file order, with the type each is read as
     */
    public TypedBatchBuilder(String source, Map<String, ColumnType> types) {
        this.source = Objects.requireNonNull(source, "source");
        this.names = List.copyOf(types.keySet());
        this.builders = new ColumnBuilder[names.size()];
        int i = 0;
        for (ColumnType type : types.values()) {
            builders[i++] = ColumnBuilder.of(Objects.requireNonNull(type, "type"));
        }
    }

    /** The type column {@code column} is read as. */
    public ColumnType type(int column) {
        return builders[column].type();
    }

    /** Appends a number to a {@link ColumnType#NUMERIC} column (NaN is null). */
    public void number(int column, double value) {
        if (!(builders[column] instanceof NumericBuilder numeric)) {
            throw new IllegalStateException("column '" + names.get(column) + "' is " + type(column) + ", not numeric");
        }
        numeric.add(value);
    }

    /** Appends epoch milliseconds to a {@link ColumnType#TIMESTAMP} column. */
    public void timestamp(int column, long epochMillis) {
        if (!(builders[column] instanceof TimestampBuilder timestamps)) {
            throw new IllegalStateException("column '" + names.get(column) + "' is " + type(column)
                    + ", not a timestamp");
        }
        timestamps.add(epochMillis);
    }

    /**
     * Appends a value given as UTF-8 text, read by the column type's CSV rule; a value that does not parse is null
     * and counted with {@code fileRow} (1-based) and its text.
     */
    public void text(int column, long fileRow, byte[] utf8, int offset, int length) {
        ColumnBuilder b = builders[column];
        if (!b.append(utf8, offset, length)) {
            whole.badCell(names.get(column), b.expected(), fileRow, utf8, offset, length);
            chunk.badCell(names.get(column), b.expected(), fileRow, utf8, offset, length);
        }
    }

    /** Appends a null. */
    public void nullCell(int column) {
        builders[column].appendNull();
    }

    /**
     * The {@code rowCount} rows added to every column since the last call, as one chunk with their parse issues.
     *
     * @throws IllegalArgumentException when a column did not get exactly {@code rowCount} values
     */
    public ColumnBatch take(int rowCount) {
        ColumnBatch batch = CsvRecords.take(source, names, builders, rowCount, chunk);
        rows += rowCount;
        return batch;
    }

    /** Rows handed over so far. */
    public long rows() {
        return rows;
    }

    /** The row count, column types and parse report of every row handed over. */
    public TableReader.Summary summary() {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (int i = 0; i < builders.length; i++) {
            types.put(names.get(i), builders[i].type());
        }
        return new TableReader.Summary(source, rows, types, whole.build(source));
    }

    /** The column names in file order. */
    public List<String> names() {
        return new ArrayList<>(names);
    }
}
