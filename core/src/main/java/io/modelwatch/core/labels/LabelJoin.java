package io.modelwatch.core.labels;

import io.modelwatch.core.config.ColumnRoles;
import io.modelwatch.core.data.ColumnBatch;

import java.util.List;

/**
 * Joins late-arriving labels to a prediction batch by customer id. The label file has the id and target
 * columns (and optionally the label date). Every prediction keeps its row; a prediction without a label gets
 * a null target. Labels whose id matches no prediction, and ids labelled twice, are counted, never dropped
 * silently: the first label of a repeated id is used and the repeats are reported. The whole batch at once; a
 * batch read in chunks is joined chunk by chunk with a {@link LabelIndex}, with the same labels and counts.
 */
public final class LabelJoin {

    private LabelJoin() {
    }

    /**
     * The joined batch and what did not match.
     *
     * @param batch             predictions with the target (and label date) column from the labels
     * @param matched           predictions that received a label
     * @param unmatchedLabels   label rows whose id is not among the predictions
     * @param duplicateLabelIds label rows repeating an id already labelled
     * @param unmatchedExamples a few unmatched ids (at most 5, in the label file's order)
     */
    public record Result(ColumnBatch batch, long matched, long unmatchedLabels, long duplicateLabelIds,
                         List<String> unmatchedExamples) {
    }

    /**
     * @throws IllegalArgumentException naming the label source when its id or target column is missing
     */
    public static Result join(ColumnBatch predictions, ColumnBatch labels, ColumnRoles roles) {
        LabelIndex index = LabelIndex.of(labels, roles);
        ColumnBatch batch = index.labelled(predictions);
        return new Result(batch, index.matched(), index.unmatchedLabels(), index.duplicateLabelIds(),
                index.unmatchedExamples(5));
    }
}
