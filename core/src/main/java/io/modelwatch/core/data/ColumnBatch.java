package io.modelwatch.core.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table held column by column in primitive arrays. Immutable once built; columns keep the input order.
 *
 * @param source   the file, URL or table it was read from (for error messages and reports)
 * @param rowCount number of data rows
 * @param columns  columns by name, in input order
 * @param parseReport cells that did not parse, per column
 */
public record ColumnBatch(String source, int rowCount, Map<String, Column> columns, ParseReport parseReport) {

    public ColumnBatch {
        for (Column c : columns.values()) {
            if (c.size() != rowCount) {
                throw new IllegalArgumentException("column '" + c.name() + "' has " + c.size()
                        + " rows, expected " + rowCount);
            }
        }
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public static ColumnBatch of(String source, List<Column> columns) {
        Map<String, Column> map = new LinkedHashMap<>();
        int rows = columns.isEmpty() ? 0 : columns.get(0).size();
        for (Column c : columns) {
            map.put(c.name(), c);
        }
        return new ColumnBatch(source, rows, map, ParseReport.clean(source));
    }

    /** A batch of no rows with these columns (for example, the columns of a file whose rows were counted elsewhere). */
    public static ColumnBatch empty(String source, Map<String, ColumnType> types) {
        Map<String, Column> columns = new LinkedHashMap<>();
        types.forEach((name, type) -> columns.put(name, switch (type) {
            case NUMERIC -> new NumericColumn(name, new double[0]);
            case CATEGORICAL -> new CategoricalColumn(name, List.of(), new int[0]);
            case STRING -> new StringColumn(name, new String[0]);
            case TIMESTAMP -> new TimestampColumn(name, new long[0]);
        }));
        return new ColumnBatch(source, 0, columns, ParseReport.clean(source));
    }

    /** The type each column is held as, in column order. */
    public Map<String, ColumnType> columnTypes() {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        columns.forEach((name, c) -> types.put(name, c instanceof NumericColumn ? ColumnType.NUMERIC
                : c instanceof CategoricalColumn ? ColumnType.CATEGORICAL
                : c instanceof StringColumn ? ColumnType.STRING : ColumnType.TIMESTAMP));
        return types;
    }

    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    public Optional<Column> find(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    /** The column of this name, or an error naming the source and the columns it has. */
    public Column column(String name) {
        Column c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException(source + ": no column '" + name + "'; columns are " + columns.keySet());
        }
        return c;
    }

    public boolean has(String name) {
        return columns.containsKey(name);
    }
}
