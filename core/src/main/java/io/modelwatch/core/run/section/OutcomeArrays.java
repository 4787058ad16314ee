package io.modelwatch.core.run.section;

import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.NumericColumn;

import java.util.Arrays;

/**
 * Labels, predicted classes and scores of a batch or chunk, one per row: {@code yTrue} 0/1 or -1 without a
 * label; {@code yPred} from the class column, or {@code probability >= classification_threshold} when the
 * class is absent or null, -1 without either; {@code score} NaN when missing.
 */
public record OutcomeArrays(int[] yTrue, int[] yPred, double[] score) {

    /** The outcomes of every row of {@code batch} under the roles and threshold of {@code config}. */
    public static OutcomeArrays of(ColumnBatch batch, MonitoringConfig config) {
        int n = batch.rowCount();
        double[] score = batch.find(config.roles().probability()).map(ColumnCoercion::numeric)
                .map(NumericColumn::values).orElseGet(() -> filled(n));
        double[] cls = batch.find(config.roles().predictedClass()).filter(NumericColumn.class::isInstance)
                .map(c -> ((NumericColumn) c).values()).orElse(null);
        double[] target = batch.find(config.roles().target()).filter(NumericColumn.class::isInstance)
                .map(c -> ((NumericColumn) c).values()).orElse(null);
        int[] yTrue = new int[n];
        int[] yPred = new int[n];
        for (int i = 0; i < n; i++) {
            double t = target == null ? Double.NaN : target[i];
            yTrue[i] = t == 0 ? 0 : t == 1 ? 1 : -1;
            double c = cls == null ? Double.NaN : cls[i];
            yPred[i] = c == 0 ? 0 : c == 1 ? 1 : Double.isNaN(score[i]) ? -1
                    : score[i] >= config.classificationThreshold() ? 1 : 0;
        }
        return new OutcomeArrays(yTrue, yPred, score);
    }

    /** Rows with a score, a predicted class and a label. */
    public int[] scoredLabelledRows() {
        int n = 0;
        int[] rows = new int[score.length];
        for (int i = 0; i < score.length; i++) {
            if (yTrue[i] >= 0 && yPred[i] >= 0 && !Double.isNaN(score[i])) {
                rows[n++] = i;
            }
        }
        return Arrays.copyOf(rows, n);
    }

    /** The outcomes of the given rows, in their order. */
    public OutcomeArrays rows(int[] rows) {
        int[] t = new int[rows.length];
        int[] p = new int[rows.length];
        double[] s = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            t[k] = yTrue[rows[k]];
            p[k] = yPred[rows[k]];
            s[k] = score[rows[k]];
        }
        return new OutcomeArrays(t, p, s);
    }

    private static double[] filled(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
