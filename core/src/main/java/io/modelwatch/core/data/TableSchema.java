package io.modelwatch.core.data;

import io.modelwatch.core.config.ColumnRoles;
import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.config.MonitoringConfig;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The expected type of each input column, and what to do with a column the schema does not list.
 *
 * <p>A listed column is always read as its type; a cell that does not parse becomes null and is counted
 * in the {@link ParseReport}. An unlisted column is either read as {@link ColumnType#CATEGORICAL}
 * (the data-quality check later reports it as unexpected) or, when the schema <em>sniffs</em>, typed from
 * its content: {@link ColumnType#NUMERIC} when every non-empty cell parses as a number, else
 * {@link ColumnType#TIMESTAMP} when every non-empty cell is an ISO-8601 timestamp or date, else
 * {@link ColumnType#CATEGORICAL}. A column with no non-empty cell sniffs as categorical.
 */
public final class TableSchema {

    private final Map<String, ColumnType> types;
    private final boolean sniffUnlisted;

    private TableSchema(Map<String, ColumnType> types, boolean sniffUnlisted) {
        this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        this.sniffUnlisted = sniffUnlisted;
    }

    /**
     * A schema with the given column types.
     *
     * @param types         column name to type
     * @param sniffUnlisted type unlisted columns from their content instead of reading them as categorical
     */
    public static TableSchema of(Map<String, ColumnType> types, boolean sniffUnlisted) {
        types.forEach((name, type) -> {
            Objects.requireNonNull(name, "column name");
            Objects.requireNonNull(type, () -> "type of column '" + name + "'");
        });
        return new TableSchema(types, sniffUnlisted);
    }

    /** Every column typed from its content (see the class comment). */
    public static TableSchema sniffAll() {
        return new TableSchema(Map.of(), true);
    }

    /**
     * The role columns typed (id string, timestamps, probability/class/target numeric) and every other
     * column typed from its content: for reading a reference when there is no configuration.
     */
    public static TableSchema forRoles(ColumnRoles roles) {
        return new TableSchema(roleTypes(roles), true);
    }

    /**
     * The schema a configuration implies: role columns as in {@link #forRoles}, numeric features
     * {@link ColumnType#NUMERIC}, categorical features {@link ColumnType#CATEGORICAL}, and any other
     * column read as categorical.
     */
    public static TableSchema forConfig(MonitoringConfig config) {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (FeatureSpec f : config.features()) {
            types.put(f.name(), f.isNumeric() ? ColumnType.NUMERIC : ColumnType.CATEGORICAL);
        }
        types.putAll(roleTypes(config.roles()));
        return new TableSchema(types, false);
    }

    private static Map<String, ColumnType> roleTypes(ColumnRoles roles) {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        putIfNamed(types, roles.id(), ColumnType.STRING);
        putIfNamed(types, roles.timestamp(), ColumnType.TIMESTAMP);
        putIfNamed(types, roles.labelDate(), ColumnType.TIMESTAMP);
        putIfNamed(types, roles.probability(), ColumnType.NUMERIC);
        putIfNamed(types, roles.predictedClass(), ColumnType.NUMERIC);
        putIfNamed(types, roles.target(), ColumnType.NUMERIC);
        return types;
    }

    private static void putIfNamed(Map<String, ColumnType> types, String column, ColumnType type) {
        if (column != null && !column.isEmpty()) {
            types.put(column, type);
        }
    }

    /** The listed type of a column, empty when the column is not listed. */
    public Optional<ColumnType> typeOf(String column) {
        return Optional.ofNullable(types.get(column));
    }

    /** The listed columns and their types, in listing order. */
    public Map<String, ColumnType> types() {
        return types;
    }

    /** Whether unlisted columns are typed from their content (otherwise they are categorical). */
    public boolean sniffsUnlisted() {
        return sniffUnlisted;
    }

    /** This schema with one column's type set (for example after sniffing). */
    public TableSchema with(String column, ColumnType type) {
        Map<String, ColumnType> copy = new LinkedHashMap<>(types);
        copy.put(Objects.requireNonNull(column), Objects.requireNonNull(type));
        return new TableSchema(copy, sniffUnlisted);
    }

    @Override
    public String toString() {
        return "TableSchema" + types + (sniffUnlisted ? " (others sniffed)" : " (others categorical)");
    }
}
