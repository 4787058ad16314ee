package io.modelwatch.core.run.section;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.drift.CategoricalSample;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.profile.ColumnProfile;
import io.modelwatch.core.stability.PsiBins;

import java.util.LinkedHashMap;
import java.util.Map;

/** The reference side of one column: its values (runs or counts per category) and its frozen PSI bins. */
public final class ColumnProfiles {

    private ColumnProfiles() {
    }

    /**
     * The profile of a reference column.
     *
     * @param sample  the column's sorted values when {@code kind} is numeric (computed once by the caller, who may
     *                reuse them), else ignored
     * @param psiBins the number of PSI bins of a numeric column ({@code drift.psi_bins})
     */
    public static ColumnProfile of(Column column, ColumnKind kind, NumericSample sample, int psiBins) {
        if (kind == ColumnKind.NUMERIC) {
            NumericColumn c = ColumnCoercion.numeric(column);
            return new ColumnProfile(c.name(), kind, c.size(), c.nullCount(), sample.runs(), null, null,
                    PsiBins.numeric(sample.sorted(), psiBins));
        }
        CategoricalColumn c = ColumnCoercion.categorical(column);
        CategoricalSample categories = categoricalSample(c);
        return new ColumnProfile(c.name(), kind, c.size(), c.nullCount(), null, categories.labels(),
                categories.counts(), PsiBins.categorical(c));
    }

    /**
     * The reference side of the predicted class or the label, a categorical column of 0/1 values (Evidently treats
     * a classification target and predicted labels as categorical), or {@code null} when the reference has no
     * value of it.
     */
    public static ColumnProfile ofLabel(ColumnBatch reference, String role, int psiBins) {
        return reference.find(role).filter(c -> c.nullCount() < c.size())
                .map(c -> of(c, ColumnKind.CATEGORICAL, null, psiBins)).orElse(null);
    }

    private static CategoricalSample categoricalSample(CategoricalColumn c) {
        long[] counts = c.counts();
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            map.merge(c.dictionary().get(i), counts[i], Long::sum);
        }
        return CategoricalSample.ofCounts(map);
    }
}
