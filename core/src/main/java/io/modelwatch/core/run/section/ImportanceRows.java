package io.modelwatch.core.run.section;

import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.importance.WoeIv;
import io.modelwatch.core.importance.WoeIvCounts;
import io.modelwatch.core.importance.WoeIvResult;
import io.modelwatch.core.importance.WoeSignFlip;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.result.ImportanceRow;

import java.util.ArrayList;
import java.util.List;

/**
 * The importance section: which features are watched ({@link #watched}), their rows from the current WoE tables
 * ({@link #rows}), and on the reference each column's WoE/IV in its own quantile bins ({@link #reference}).
 */
public final class ImportanceRows {

    private final MonitoringConfig config;

    public ImportanceRows(MonitoringConfig config) {
        this.config = config;
    }

    /**
     * The features whose importance is watched: those with a reference WoE table whose IV reaches
     * {@code importance.min_reference_iv}, present in the current batch (or file).
     */
    public List<FeatureSpec> watched(ReferenceProfile profile, ColumnBatch current) {
        return watchable(profile).stream().filter(f -> current.has(f.name())).toList();
    }

    /**
     * The features whose importance is watched when the current batch has them: those with a reference WoE table
     * whose IV reaches {@code importance.min_reference_iv}.
     */
    public List<FeatureSpec> watchable(ReferenceProfile profile) {
        return config.features().stream().filter(f -> {
            WoeIvResult ref = profile.woe().get(f.name());
            return ref != null && ref.ivSmoothed() >= config.importance().minReferenceIv();
        }).toList();
    }

    /** One importance row per watched feature, from its current WoE table (aligned with {@code watched}). */
    public List<ImportanceRow> rows(ReferenceProfile profile, List<FeatureSpec> watched, List<WoeIvResult> current) {
        List<ImportanceRow> importance = new ArrayList<>();
        for (int i = 0; i < watched.size(); i++) {
            FeatureSpec f = watched.get(i);
            WoeIvResult ref = profile.woe().get(f.name());
            WoeIvResult cur = current.get(i);
            double minWoe = config.importance().minAbsWoe();
            List<WoeSignFlip> flips = WoeIv.signFlips(ref, cur).stream()
                    .filter(x -> Math.abs(x.referenceWoe()) >= minWoe && Math.abs(x.currentWoe()) >= minWoe)
                    .toList();
            importance.add(new ImportanceRow(f.name(), ref.ivSmoothed(), cur.ivSmoothed(),
                    WoeIv.ivChangePercent(ref, cur), flips.size(), flips.stream().map(WoeSignFlip::label).toList()));
        }
        return importance;
    }

    /**
     * WoE/IV of one reference column in its own quantile bins (the current side is counted in these bins by
     * {@link WoeIvCounts}). WoeIv skips the rows whose label is -1 itself, so the column goes in whole.
     *
     * @param sorted the column's finite values sorted, when every row is labelled and none is infinite (the
     *               profile's sort reused); else null
     */
    public static WoeIvResult reference(Column column, int[] yTrue, double[] sorted) {
        if (sorted != null && column instanceof NumericColumn n) {
            return WoeIv.numericSorted(n.values(), yTrue, sorted);
        }
        if (column instanceof NumericColumn n) {
            return WoeIv.numeric(n.values(), yTrue);
        }
        return WoeIv.categorical(ColumnCoercion.categorical(column), yTrue);
    }
}
