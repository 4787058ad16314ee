package io.modelwatch.core.labels;

import io.modelwatch.core.config.ColumnRoles;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TimestampColumn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins late-arriving labels to a prediction batch by customer id. The label file has the id and target
 * columns (and optionally the label date). Every prediction keeps its row; a prediction without a label gets
 * a null target. Labels whose id matches no prediction, and ids labelled twice, are counted, never dropped
 * silently: the first label of a repeated id is used and the repeats are reported.
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
     * @param unmatchedExamples a few unmatched ids
     */
    public record Result(ColumnBatch batch, long matched, long unmatchedLabels, long duplicateLabelIds,
                         List<String> unmatchedExamples) {
    }

    /**
     * @throws IllegalArgumentException naming the label source when its id or target column is missing
     */
    public static Result join(ColumnBatch predictions, ColumnBatch labels, ColumnRoles roles) {
        Column idCol = requireColumn(labels, roles.id());
        Column targetCol = requireColumn(labels, roles.target());
        if (!(idCol instanceof StringColumn ids)) {
            throw new IllegalArgumentException(labels.source() + ": column '" + roles.id() + "' must be read as text ids");
        }
        if (!(targetCol instanceof NumericColumn target)) {
            throw new IllegalArgumentException(labels.source() + ": column '" + roles.target() + "' must be numeric 0/1");
        }
        TimestampColumn labelDates = labels.find(roles.labelDate()).filter(TimestampColumn.class::isInstance)
                .map(TimestampColumn.class::cast).orElse(null);

        Map<String, Integer> labelRowById = new HashMap<>(labels.rowCount() * 2);
        long duplicates = 0;
        for (int r = 0; r < labels.rowCount(); r++) {
            String id = ids.get(r);
            if (id == null) {
                continue;
            }
            if (labelRowById.putIfAbsent(id, r) != null) {
                duplicates++;
            }
        }

        Column predIdCol = requireColumn(predictions, roles.id());
        if (!(predIdCol instanceof StringColumn predIds)) {
            throw new IllegalArgumentException(predictions.source() + ": column '" + roles.id() + "' must be text ids");
        }
        int n = predictions.rowCount();
        double[] joined = new double[n];
        long[] joinedDates = new long[n];
        Arrays.fill(joined, Double.NaN);
        Arrays.fill(joinedDates, TimestampColumn.NULL_VALUE);
        long matched = 0;
        java.util.Set<String> used = new java.util.HashSet<>();
        for (int r = 0; r < n; r++) {
            String id = predIds.get(r);
            Integer lr = id == null ? null : labelRowById.get(id);
            if (lr != null) {
                joined[r] = target.get(lr);
                if (labelDates != null) {
                    joinedDates[r] = labelDates.epochMillis()[lr];
                }
                matched++;
                used.add(id);
            }
        }
        long unmatched = 0;
        List<String> examples = new ArrayList<>();
        for (String id : labelRowById.keySet()) {
            if (!used.contains(id)) {
                unmatched++;
                if (examples.size() < 5) {
                    examples.add(id);
                }
            }
        }

        Map<String, Column> columns = new LinkedHashMap<>(predictions.columns());
        columns.put(roles.target(), new NumericColumn(roles.target(), joined));
        if (labelDates != null) {
            columns.put(roles.labelDate(), new TimestampColumn(roles.labelDate(), joinedDates));
        }
        ColumnBatch batch = new ColumnBatch(predictions.source() + " + " + labels.source(), n, columns,
                predictions.parseReport());
        return new Result(batch, matched, unmatched, duplicates, examples);
    }

    private static Column requireColumn(ColumnBatch batch, String name) {
        return batch.find(name).orElseThrow(() -> new IllegalArgumentException(batch.source()
                + ": missing column '" + name + "' (expected for the label join); columns are " + batch.columnNames()));
    }
}
