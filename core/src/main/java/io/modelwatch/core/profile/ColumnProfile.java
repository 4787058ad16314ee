package io.modelwatch.core.profile;

import io.modelwatch.core.drift.CategoricalSample;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.drift.Sample;
import io.modelwatch.core.stability.PsiBins;

import java.util.List;

/**
 * The reference side of one column: everything the drift tests and the alerting PSI need, so a run never
 * touches the reference rows again.
 *
 * @param name        column name
 * @param kind        numeric or categorical
 * @param rows        reference rows (nulls included; Evidently's {@code n_ref} for the automatic test choice)
 * @param nullCount   null cells in the reference
 * @param sorted      finite values sorted ascending (numeric), else {@code null}
 * @param labels      categories in natural order (categorical), else {@code null}
 * @param counts      count per category aligned with {@code labels} (categorical), else {@code null}
 * @param psiBins     the frozen bins and reference shares of the alerting PSI
 */
public record ColumnProfile(String name, ColumnKind kind, long rows, long nullCount, double[] sorted,
                            List<String> labels, long[] counts, PsiBins psiBins) {

    /** The reference sample for a drift test (sorted values are reused, not re-sorted). */
    public Sample sample() {
        if (kind == ColumnKind.NUMERIC) {
            return NumericSample.ofSorted(sorted);
        }
        java.util.Map<String, Long> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            map.put(labels.get(i), counts[i]);
        }
        return CategoricalSample.ofCounts(map);
    }
}
