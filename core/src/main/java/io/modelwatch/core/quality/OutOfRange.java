package io.modelwatch.core.quality;

import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.quality.QualityFinding.Kind;

import java.util.List;

import static io.modelwatch.core.quality.ReportDraft.example;
import static io.modelwatch.core.quality.ReportDraft.number;
import static io.modelwatch.core.quality.ReportDraft.percent;

/**
 * Numeric values outside [lo, hi] (a feature's range or a probability's [0, 1]; nulls, NaN, fail neither
 * comparison), or with {@code labels} non-null values other than 0 and 1.
 */
final class OutOfRange extends CountingCheck {
    final String column;
    final double lo;
    final double hi;
    final boolean labels;
    final FeatureSpec feature;
    final String role;
    final String severity;

    /**
     * @param feature the feature whose range this is, or null for a role column
     * @param role    how the finding names a label column ({@code labels} only)
     */
    OutOfRange(String column, double lo, double hi, boolean labels, FeatureSpec feature, String role,
               String severity) {
        this.column = column;
        this.lo = lo;
        this.hi = hi;
        this.labels = labels;
        this.feature = feature;
        this.role = role;
        this.severity = severity;
    }

    @Override
    public void add(ColumnBatch chunk, long offset) {
        double[] v = ((NumericColumn) chunk.column(column)).values();
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            if (labels ? !Double.isNaN(x) && x != 0 && x != 1 : x < lo || x > hi) {
                count++;
                if (!examples.full()) {
                    examples.add(offset + i + 1, number(x));
                }
            }
        }
    }

    @Override
    public void report(ReportDraft out) {
        if (count == 0) {
            return;
        }
        List<Long> rowsSeen = examples.rows();
        List<String> values = examples.values();
        if (labels) {
            out.add(Kind.INVALID_LABEL, column, count, out.share(count), null, severity,
                    role + " column '" + column + "': " + count + " values other than 0 or 1"
                            + example(rowsSeen, values), rowsSeen, values);
        } else if (feature == null) {
            out.add(Kind.PROBABILITY_OUT_OF_RANGE, column, count, out.share(count), null, severity,
                    "probability column '" + column + "': " + count + " values outside [0, 1]"
                            + example(rowsSeen, values), rowsSeen, values);
        } else {
            out.add(Kind.OUT_OF_RANGE, column, count, out.share(count), null, severity,
                    "feature '" + column + "': " + count + " values (" + percent(out.share(count)) + ") outside "
                            + "[" + (feature.min() == null ? "-inf" : number(feature.min())) + ", "
                            + (feature.max() == null ? "+inf" : number(feature.max())) + "]"
                            + example(rowsSeen, values), rowsSeen, values);
        }
    }
}
