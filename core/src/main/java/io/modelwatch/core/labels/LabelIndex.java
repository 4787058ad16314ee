package io.modelwatch.core.labels;

import io.modelwatch.core.config.ColumnRoles;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TimestampColumn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels of one label file indexed by id, so that predictions can be joined to them a chunk of rows at a time
 * ({@link #join}) while the counts of {@link LabelJoin} accumulate over the chunks: a batch never has to be held
 * whole to be labelled. The first label of a repeated id is the one used, the repeats are counted; a null id labels
 * nothing.
 *
 * <p>Memory grows with the label file, not with the predictions: the file's columns and one {@code int} table of
 * twice its rows (open addressing over the ids' UTF-8 bytes, no {@code String} per id).
 */
public final class LabelIndex {

    private final String source;
    private final String idName;
    private final String targetName;
    private final String labelDateName;
    private final StringColumn ids;
    private final NumericColumn target;
    private final TimestampColumn labelDates;
    private final int rows;
    /** The first label row of each id, plus one; 0 marks an empty slot. */
    private final int[] slots;
    /** Label rows whose id did not occur on an earlier row. */
    private final BitSet firstRows = new BitSet();
    /** First rows whose id labelled at least one prediction. */
    private final BitSet usedRows = new BitSet();
    private final long duplicates;
    private long matched;

    private LabelIndex(ColumnBatch labels, StringColumn ids, NumericColumn target, TimestampColumn labelDates,
                       ColumnRoles roles) {
        this.source = labels.source();
        this.idName = roles.id();
        this.targetName = roles.target();
        this.labelDateName = roles.labelDate();
        this.ids = ids;
        this.target = target;
        this.labelDates = labelDates;
        this.rows = labels.rowCount();
        this.slots = new int[tableSize(rows)];
        long repeated = 0;
        for (int r = 0; r < rows; r++) {
            if (ids.isNull(r)) {
                continue;
            }
            int slot = slot(ids, r);
            if (slots[slot] == 0) {
                slots[slot] = r + 1;
                firstRows.set(r);
            } else {
                repeated++;
            }
        }
        this.duplicates = repeated;
    }

    /**
     * Indexes a label file: its id column (text), its target column (numeric 0/1) and, when present as a timestamp
     * column, its label date.
     *
     * @throws IllegalArgumentException naming the label source when its id or target column is missing or of the
     *                                  wrong type
     */
    public static LabelIndex of(ColumnBatch labels, ColumnRoles roles) {
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
        return new LabelIndex(labels, ids, target, labelDates, roles);
    }

    /**
     * The labels of some predictions (a chunk of a batch, or a whole batch), counted as matched.
     *
     * @param predictions rows with the id column
     * @return the target for each prediction row (NaN without a label), and the label date when the label file has one
     * @throws IllegalArgumentException naming the predictions' source when they lack a text id column
     */
    public Labels join(ColumnBatch predictions) {
        Column predIdCol = requireColumn(predictions, idName);
        if (!(predIdCol instanceof StringColumn predIds)) {
            throw new IllegalArgumentException(predictions.source() + ": column '" + idName + "' must be text ids");
        }
        int n = predictions.rowCount();
        double[] joined = new double[n];
        long[] joinedDates = labelDates == null ? null : new long[n];
        Arrays.fill(joined, Double.NaN);
        if (joinedDates != null) {
            Arrays.fill(joinedDates, TimestampColumn.NULL_VALUE);
        }
        for (int r = 0; r < n; r++) {
            int lr = predIds.isNull(r) ? -1 : find(predIds, r);
            if (lr >= 0) {
                joined[r] = target.get(lr);
                if (joinedDates != null) {
                    joinedDates[r] = labelDates.epochMillis()[lr];
                }
                matched++;
                usedRows.set(lr);
            }
        }
        return new Labels(new NumericColumn(targetName, joined),
                joinedDates == null ? null : new TimestampColumn(labelDateName, joinedDates));
    }

    /**
     * The predictions with their labels ({@link #join}): the target column (NaN without a label, replacing one the
     * predictions have) and the label date column when the label file has one; the source names both files.
     */
    public ColumnBatch labelled(ColumnBatch predictions) {
        Labels joined = join(predictions);
        Map<String, Column> columns = new LinkedHashMap<>(predictions.columns());
        columns.put(targetName, joined.target());
        if (joined.labelDates() != null) {
            columns.put(labelDateName, joined.labelDates());
        }
        return new ColumnBatch(predictions.source() + " + " + source, predictions.rowCount(), columns,
                predictions.parseReport());
    }

    /**
     * The labels joined to one set of predictions.
     *
     * @param target     the target column, NaN where a prediction has no label
     * @param labelDates the label date column, or {@code null} when the label file has none
     */
    public record Labels(NumericColumn target, TimestampColumn labelDates) {
    }

    /** The label file's source. */
    public String source() {
        return source;
    }

    /** Rows of the label file. */
    public int rows() {
        return rows;
    }

    /** Predictions labelled so far, over every {@link #join}. */
    public long matched() {
        return matched;
    }

    /** Label rows repeating an id of an earlier row (the earlier label is the one used). */
    public long duplicateLabelIds() {
        return duplicates;
    }

    /** Distinct label ids that have labelled no prediction so far. */
    public long unmatchedLabels() {
        long unmatched = 0;
        for (int r = firstRows.nextSetBit(0); r >= 0; r = firstRows.nextSetBit(r + 1)) {
            unmatched += usedRows.get(r) ? 0 : 1;
        }
        return unmatched;
    }

    /** Up to {@code limit} of the unmatched ids, in the label file's order. */
    public List<String> unmatchedExamples(int limit) {
        List<String> examples = new ArrayList<>();
        for (int r = firstRows.nextSetBit(0); r >= 0 && examples.size() < limit; r = firstRows.nextSetBit(r + 1)) {
            if (!usedRows.get(r)) {
                examples.add(ids.get(r));
            }
        }
        return examples;
    }

    /** The first label row with the id of a non-null prediction row, or -1. */
    private int find(StringColumn predIds, int row) {
        int mask = slots.length - 1;
        for (int s = spread(predIds.hash(row)) & mask; slots[s] != 0; s = (s + 1) & mask) {
            if (ids.sameValue(slots[s] - 1, predIds, row)) {
                return slots[s] - 1;
            }
        }
        return -1;
    }

    /** The slot of a non-null label row: its id's slot, or the empty slot where it goes. */
    private int slot(StringColumn column, int row) {
        int mask = slots.length - 1;
        int s = spread(column.hash(row)) & mask;
        while (slots[s] != 0 && !ids.sameValue(slots[s] - 1, column, row)) {
            s = (s + 1) & mask;
        }
        return s;
    }

    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** A power of two of at least twice the rows (a table at most half full). */
    private static int tableSize(int rows) {
        int size = 2;
        while (size < 2L * rows) {
            if (size >= 1 << 30) {
                throw new IllegalArgumentException("a label file of " + rows + " rows is too large to index");
            }
            size <<= 1;
        }
        return size;
    }

    private static Column requireColumn(ColumnBatch batch, String name) {
        return batch.find(name).orElseThrow(() -> new IllegalArgumentException(batch.source()
                + ": missing column '" + name + "' (expected for the label join); columns are " + batch.columnNames()));
    }
}
