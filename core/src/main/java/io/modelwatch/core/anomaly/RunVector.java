package io.modelwatch.core.anomaly;

import io.modelwatch.core.metrics.MetricRow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's metric vector for the isolation forest: the values of the metric rows that the configured selectors
 * pick, keyed by name. Segment rows are left out (their number changes from run to run).
 *
 * <ul>
 *   <li>{@code category/name}: one entry per row of that category and name, keyed {@code category/name[column]}
 *       ({@code category/name} for a row without a column), e.g. {@code psi/psi[monthly_charges]};</li>
 *   <li>{@code category/name:max} or {@code :mean}: one entry, the largest or the mean value over those rows,
 *       keyed by the selector itself, e.g. {@code quality/null_share:max}.</li>
 * </ul>
 * Undefined values (null, NaN, infinite) are left out; an aggregate over no defined value is left out.
 */
public final class RunVector {

    private RunVector() {
    }

    /** The run's entries in selector order, then row order. */
    public static Map<String, Double> of(List<MetricRow> rows, List<String> selectors) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String selector : selectors) {
            int colon = selector.indexOf(':');
            String metric = colon < 0 ? selector : selector.substring(0, colon);
            String aggregation = colon < 0 ? null : selector.substring(colon + 1);
            int slash = metric.indexOf('/');
            String category = metric.substring(0, slash);
            String name = metric.substring(slash + 1);
            double sum = 0;
            double max = Double.NEGATIVE_INFINITY;
            int n = 0;
            for (MetricRow r : rows) {
                if (r.segment() != null || !category.equals(r.category()) || !name.equals(r.name())
                        || r.value() == null || !Double.isFinite(r.value())) {
                    continue;
                }
                if (aggregation == null) {
                    out.put(r.column() == null ? metric : metric + "[" + r.column() + "]", r.value());
                } else {
                    sum += r.value();
                    max = Math.max(max, r.value());
                    n++;
                }
            }
            if (aggregation != null && n > 0) {
                out.put(selector, "max".equals(aggregation) ? max : sum / n);
            }
        }
        return out;
    }
}
