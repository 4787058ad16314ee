package io.modelwatch.core.run.section;

import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.performance.ClassificationMetrics;
import io.modelwatch.core.performance.ClassificationReport;

/**
 * Labels, scores and predicted classes of a whole batch ({@link OutcomeArrays}, every value per row) with its label
 * counts and classification report.
 *
 * @param labelled      labelled rows (0 when no labelled row has a score and a predicted class)
 * @param churnRate     share of positive labels among the labelled rows, or null without labels
 * @param predictedRate share of predicted positives among the rows with a predicted class, or null
 * @param report        the classification metrics of the scored labelled rows, or null when there are none
 */
public record Outcomes(int[] yTrue, int[] yPred, double[] score, long labelled, Double churnRate,
                       Double predictedRate, ClassificationReport report) {

    /** The outcomes of {@code batch} under the roles and threshold of {@code config}. */
    public static Outcomes of(ColumnBatch batch, MonitoringConfig config) {
        OutcomeArrays arrays = OutcomeArrays.of(batch, config);
        int[] yTrue = arrays.yTrue();
        int[] yPred = arrays.yPred();
        long labelled = 0;
        long positives = 0;
        long predictedPositives = 0;
        long predicted = 0;
        for (int i = 0; i < yTrue.length; i++) {
            if (yPred[i] >= 0) {
                predicted++;
                predictedPositives += yPred[i];
            }
            if (yTrue[i] >= 0) {
                labelled++;
                positives += yTrue[i];
            }
        }
        ClassificationReport report = null;
        if (labelled > 0) {
            OutcomeArrays scored = arrays.rows(arrays.scoredLabelledRows());
            if (scored.score().length > 0) {
                report = ClassificationMetrics.compute(scored.yTrue(), scored.score(), scored.yPred());
            }
        }
        return new Outcomes(yTrue, yPred, arrays.score(), report == null ? 0 : labelled,
                labelled == 0 ? null : (double) positives / labelled,
                predicted == 0 ? null : (double) predictedPositives / predicted, report);
    }

    /** The per-row values. */
    public OutcomeArrays arrays() {
        return new OutcomeArrays(yTrue, yPred, score);
    }
}
