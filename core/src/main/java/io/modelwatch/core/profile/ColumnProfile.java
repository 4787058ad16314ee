package io.modelwatch.core.profile;

import io.modelwatch.core.drift.CategoricalSample;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.drift.Sample;
import io.modelwatch.core.drift.SortedRuns;
import com.fasterxml.jackson.annotation.JsonIgnore;
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
 * @param runs        the finite values as distinct values with counts (numeric), else {@code null}; stored in
 *                    binary by {@link ReferenceProfile#toBytes()}, not in the JSON part
 * @param labels      categories in natural order (categorical), else {@code null}
 * @param counts      count per category aligned with {@code labels} (categorical), else {@code null}
 * @param psiBins     the frozen bins and reference shares of the alerting PSI
 */
public record ColumnProfile(String name, ColumnKind kind, long rows, long nullCount,
                            @JsonIgnore SortedRuns runs, List<String> labels, long[] counts, PsiBins psiBins) {

    /** The same profile with the numeric runs attached (reading a stored profile). */
    public ColumnProfile withRuns(SortedRuns r) {
        return new ColumnProfile(name, kind, rows, nullCount, r, labels, counts, psiBins);
    }

    /** The reference sample for a drift test (the runs are reused; expanded only by tests that need rows). */
    public Sample sample() {
        if (kind == ColumnKind.NUMERIC) {
            return NumericSample.ofRuns(runs);
        }
        java.util.Map<String, Long> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            map.put(labels.get(i), counts[i]);
        }
        return CategoricalSample.ofCounts(map);
    }
}
