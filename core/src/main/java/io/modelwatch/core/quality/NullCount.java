package io.modelwatch.core.quality;

import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.quality.QualityFinding.Kind;

import java.util.List;

import static io.modelwatch.core.quality.ReportDraft.percent;

/**
 * The null cells of one column: its null share, for a feature the null-budget finding, and the checks that read
 * the same count ({@link #requiredIn}: a role column that needs a value in every row; {@link #noUsableValues}: a
 * column with nothing but nulls). The count is kept once and reported by each of them.
 */
final class NullCount extends CountingCheck {
    final String column;
    final FeatureSpec feature;
    final String budgetSeverity;

    /** @param feature the column's feature, or null for a role column (which has no null budget) */
    NullCount(String column, FeatureSpec feature, String budgetSeverity) {
        this.column = column;
        this.feature = feature;
        this.budgetSeverity = budgetSeverity;
    }

    @Override
    public void add(ColumnBatch chunk, long offset) {
        Column c = chunk.column(column);
        int nulls = c.nullCount();
        count += nulls;
        for (int i = 0, n = c.size(); i < n && nulls > 0 && !examples.full(); i++) {
            if (c.isNull(i)) {
                examples.add(offset + i + 1, null);
            }
        }
    }

    @Override
    public void report(ReportDraft out) {
        Double budget = feature == null ? null : feature.nullBudget();
        double share = out.share(count);
        out.nullShares.add(new ColumnNullShare(column, count, share, budget));
        if (feature != null && share > budget) {
            out.add(Kind.NULL_SHARE_ABOVE_BUDGET, column, count, share, budget, budgetSeverity,
                    "feature '" + column + "': " + count + " null cells (" + percent(share)
                            + "), above its null budget of " + percent(budget) + ", e.g. row "
                            + examples.rows().get(0), examples.rows(), List.of());
        }
    }

    /** The finding of nulls in a role column that needs a value in every row ({@code role} names it). */
    QualityCheck requiredIn(String role, String severity) {
        return out -> {
            if (count > 0) {
                out.add(Kind.REQUIRED_NULLS, column, count, out.share(count), null, severity,
                        role + " column '" + column + "': " + count + " null cells, e.g. row "
                                + examples.rows().get(0) + "; expected a value in every row",
                        examples.rows(), List.of());
            }
        };
    }

    /**
     * The finding of a non-empty batch whose every cell in this column is null (empty or unparseable): nothing to
     * test.
     */
    QualityCheck noUsableValues(String severity) {
        return out -> {
            if (out.rows > 0 && count == out.rows) {
                out.add(Kind.NO_USABLE_VALUES, column, count, 1.0, null, severity,
                        "no usable values in column " + column + ": all " + count
                                + " cells are empty or unparseable; its drift is not computable",
                        examples.rows(), List.of());
            }
        };
    }
}
