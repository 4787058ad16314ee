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
