package io.modelwatch.core.report;

import io.modelwatch.core.anomaly.MetricHistory;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.ColumnType;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.InputException;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.result.RunResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CLI's metric history: one CSV file that every run appends its metric rows to
 * ({@code run_id,snapshot_date,category,name,column,segment,value}), read back as a {@link MetricHistory}
 * for anomaly detection. Runs are taken in file order (oldest first).
 */
public final class MetricHistoryFile {

    public static final String HEADER = "run_id,snapshot_date,category,name,column,segment,value";

    private MetricHistoryFile() {
    }

    /** The history in {@code file}, empty when the file does not exist yet. */
    public static MetricHistory read(Path file) {
        if (!Files.exists(file)) {
            return MetricHistory.empty();
        }
        Map<String, ColumnType> types = new LinkedHashMap<>();
        types.put("run_id", ColumnType.STRING);
        types.put("snapshot_date", ColumnType.STRING);
        for (String c : List.of("category", "name", "column", "segment")) {
            types.put(c, ColumnType.CATEGORICAL);
        }
        types.put("value", ColumnType.NUMERIC);
        ColumnBatch batch = CsvReader.withDefaults().read(file, TableSchema.of(types, false));
        for (String required : types.keySet()) {
            if (!batch.has(required)) {
                throw new InputException(file + ": not a metric history file (expected header " + HEADER + ")");
            }
        }
        StringColumn runs = (StringColumn) batch.column("run_id");
        CategoricalColumn category = (CategoricalColumn) batch.column("category");
        CategoricalColumn name = (CategoricalColumn) batch.column("name");
        CategoricalColumn column = (CategoricalColumn) batch.column("column");
        CategoricalColumn segment = (CategoricalColumn) batch.column("segment");
        NumericColumn value = (NumericColumn) batch.column("value");
        Map<String, List<MetricRow>> byRun = new LinkedHashMap<>();
        for (int i = 0; i < batch.rowCount(); i++) {
            Double v = Double.isNaN(value.get(i)) ? null : value.get(i);
            byRun.computeIfAbsent(String.valueOf(runs.get(i)), k -> new ArrayList<>()).add(new MetricRow(
                    category.get(i), name.get(i), column.get(i), segment.get(i), v, null, MetricRow.OK));
        }
        return MetricHistory.of(new ArrayList<>(byRun.values()));
    }

    /** Appends a run's metric rows (creates the file with its header first). */
    public static void append(Path file, RunResult result) {
        StringBuilder sb = new StringBuilder();
        boolean exists = Files.exists(file);
        if (!exists) {
            sb.append(HEADER).append('\n');
        }
        for (MetricRow r : result.metrics()) {
            if (r.value() == null) {
                continue;
            }
            sb.append(CsvExport.cell(result.run().runId())).append(',')
                    .append(result.run().snapshotDate()).append(',')
                    .append(CsvExport.cell(r.category())).append(',')
                    .append(CsvExport.cell(r.name())).append(',')
                    .append(CsvExport.cell(r.column())).append(',')
                    .append(CsvExport.cell(r.segment())).append(',')
                    .append(r.value()).append('\n');
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the metric history " + file + ": " + e.getMessage(), e);
        }
    }
}
