package io.modelwatch.core.anomaly;

import io.modelwatch.core.metrics.MetricRow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Previous values of each metric, oldest first, keyed by category, name, column and segment. Built from
 * earlier runs' metric rows (the CLI's {@code --history} file, the services' {@code metrics_log}).
 */
public final class MetricHistory {

    private static final MetricHistory EMPTY = new MetricHistory(Map.of(), List.of());

    private final Map<String, List<Double>> values;
    private final List<List<MetricRow>> runs;

    private MetricHistory(Map<String, List<Double>> values, List<List<MetricRow>> runs) {
        this.values = values;
        this.runs = runs;
    }

    public static MetricHistory empty() {
        return EMPTY;
    }

    /** A history from runs given oldest first; undefined values are skipped. */
    public static MetricHistory of(List<List<MetricRow>> runsOldestFirst) {
        Map<String, List<Double>> map = new LinkedHashMap<>();
        List<List<MetricRow>> runs = new ArrayList<>();
        for (List<MetricRow> run : runsOldestFirst) {
            runs.add(List.copyOf(run));
            for (MetricRow r : run) {
                if (r.value() != null && Double.isFinite(r.value())) {
                    map.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r.value());
                }
            }
        }
        map.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return new MetricHistory(Collections.unmodifiableMap(map), Collections.unmodifiableList(runs));
    }

    /** Previous values of the metric of this row, oldest first (empty when unknown). */
    public double[] valuesFor(MetricRow row) {
        List<Double> list = values.getOrDefault(key(row), List.of());
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The previous runs' metric rows, oldest first (one list per run). */
    public List<List<MetricRow>> runs() {
        return runs;
    }

    /** Number of metrics with at least one previous value. */
    public int size() {
        return values.size();
    }

    /** The identity of a metric across runs. */
    public static String key(MetricRow r) {
        return r.category() + '|' + r.name() + '|' + (r.column() == null ? "" : r.column()) + '|'
                + (r.segment() == null ? "" : r.segment());
    }
}
