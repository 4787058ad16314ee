package io.modelwatch.core.anomaly;

import io.modelwatch.core.run.MetricRow;

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

    private static final MetricHistory EMPTY = new MetricHistory(Map.of());

    private final Map<String, List<Double>> values;

    private MetricHistory(Map<String, List<Double>> values) {
        this.values = values;
    }

    public static MetricHistory empty() {
        return EMPTY;
    }

    /** A history from runs given oldest first; undefined values are skipped. */
    public static MetricHistory of(List<List<MetricRow>> runsOldestFirst) {
        Map<String, List<Double>> map = new LinkedHashMap<>();
        for (List<MetricRow> run : runsOldestFirst) {
            for (MetricRow r : run) {
                if (r.value() != null && Double.isFinite(r.value())) {
                    map.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r.value());
                }
            }
        }
        map.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return new MetricHistory(Collections.unmodifiableMap(map));
    }

    /** Previous values of the metric of this row, oldest first (empty when unknown). */
    public double[] valuesFor(MetricRow row) {
        List<Double> list = values.getOrDefault(key(row), List.of());
        return list.stream().mapToDouble(Double::doubleValue).toArray();
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
