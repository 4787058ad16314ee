package io.modelwatch.core.run.section;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.drift.CategoricalSample;
import io.modelwatch.core.drift.ChunkValueRanks;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.drift.SortedRuns;
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
            return numeric(c.name(), c.size(), c.nullCount(), sample.runs(), sample.sorted(), psiBins);
        }
        CategoricalColumn c = ColumnCoercion.categorical(column);
        CategoricalSample categories = categoricalSample(c);
        return new ColumnProfile(c.name(), kind, c.size(), c.nullCount(), null, categories.labels(),
                categories.counts(), PsiBins.categorical(c));
    }

    /**
     * The profile of a numeric reference column, or of some of its rows, from its finite values as runs and sorted.
     *
     * @param rows  the rows (null, infinite and finite)
     * @param nulls the null (NaN) rows
     */
    static ColumnProfile numeric(String name, long rows, long nulls, SortedRuns runs, double[] sorted, int psiBins) {
        return new ColumnProfile(name, ColumnKind.NUMERIC, rows, nulls, runs, null, null,
                PsiBins.numeric(sorted, psiBins));
    }

    /**
     * The profile of the rows {@code rows} (all when null) of a numeric reference column from its ranks: the same
     * profile as {@link #of} of those rows selected. Only for a column without -0.0
     * ({@link ChunkValueRanks#hasNegativeZero}): the sorted values are the runs expanded, where a sort would put
     * -0.0 before 0.0.
     */
    static ColumnProfile numeric(String name, ChunkValueRanks ranks, int[] rows, int psiBins) {
        if (ranks.hasNegativeZero()) {
            throw new IllegalArgumentException("the ranks of column '" + name + "' hold -0.0: profile its sorted values");
        }
        ChunkValueRanks.Subset values = ranks.subset(rows);
        return numeric(name, rows == null ? ranks.rows() : rows.length, values.nulls(), values.runs(),
                values.runs().expand(), psiBins);
    }

    /**
     * The profile of the rows {@code rows} of a categorical reference column, counted in place: the same profile as
     * {@link #of} of those rows selected (whose dictionary has the categories they use; both order them by label).
     */
    static ColumnProfile categorical(CategoricalColumn column, int[] rows) {
        int[] codes = column.codes();
        long[] byCode = new long[column.dictionary().size()];
        int nulls = 0;
        for (int row : rows) {
            int code = codes[row];
            if (code == CategoricalColumn.NULL_CODE) {
                nulls++;
            } else {
                byCode[code]++;
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int code = 0; code < byCode.length; code++) {
            if (byCode[code] > 0) {
                counts.merge(column.dictionary().get(code), byCode[code], Long::sum);
            }
        }
        CategoricalSample categories = CategoricalSample.ofCounts(counts);
        return new ColumnProfile(column.name(), ColumnKind.CATEGORICAL, rows.length, nulls, null, categories.labels(),
                categories.counts(), PsiBins.categorical(categories.labels(), categories.counts()));
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
