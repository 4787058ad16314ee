package io.modelwatch.core.quality;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TimestampColumn;
import io.modelwatch.core.quality.QualityFinding.Kind;

import java.io.DataOutput;
import java.util.LinkedHashSet;
import java.util.List;

import static io.modelwatch.core.quality.ReportDraft.quoted;

/**
 * Rows whose id occurred in an earlier row. Ids compare as text: a numeric id as {@link Double#toString}
 * (one-to-one on non-NaN doubles, so the same as comparing the doubles with {@code equals}), a timestamp id
 * as its epoch milliseconds.
 */
final class DuplicateIds implements QualityCheck {
    final String column;
    final String severity;
    /** The ids seen; null when they are counted apart. */
    private SpillingIdSet seen;
    /** The repeats counted apart, given to the result; null until then (or when the ids are counted here). */
    private IdRepeats apart;
    /** Rows whose id repeats one of the same run of {@link #seen}, and then (after the merge of the runs) all. */
    long count;
    final ExampleRows examples = new ExampleRows();
    /** The rows of a text chunk whose id repeats one of the open run (see {@link SpillingIdSet#addRows}). */
    private int[] repeatedRows = new int[0];

    DuplicateIds(String column, String severity, SpillingIdSet seen) {
        this.column = column;
        this.severity = severity;
        this.seen = seen;
    }

    @Override
    public void add(ColumnBatch chunk, long offset) {
        if (seen == null) {
            return; // counted apart
        }
        Column c = chunk.column(column);
        if (c instanceof StringColumn s) {
            if (repeatedRows.length < s.size()) {
                repeatedRows = new int[s.size()];
            }
            int repeats = seen.addRows(s, 0, s.size(), offset + 1, repeatedRows);
            for (int k = 0; k < repeats; k++) {
                repeated(offset, c, repeatedRows[k]);
            }
            return;
        }
        for (int i = 0, n = c.size(); i < n; i++) {
            if (!c.isNull(i) && !seen.add(idAt(c, i), offset + i + 1)) {
                repeated(offset, c, i);
            }
        }
    }

    private void repeated(long offset, Column c, int i) {
        count++;
        if (!examples.full()) {
            examples.add(offset + i + 1, idAt(c, i));
        }
    }

    /**
     * The later rows' duplicates are their own repeats plus the first occurrences (in the later rows) of ids
     * seen here; both come in row order, so the first examples are the first of their merge.
     */
    @Override
    public void merge(QualityCheck later) {
        DuplicateIds l = (DuplicateIds) later;
        if (seen == null) {
            return; // counted apart
        }
        long[] repeated = new long[1];
        List<IdSet.Repeat> cross = seen.addAll(l.seen, QualityReport.MAX_EXAMPLES, repeated);
        count += l.count + repeated[0];
        examples.merge(l.examples);
        examples.interleave(cross);
        l.seen = null;
    }

    @Override
    public void report(ReportDraft out) {
        if (seen == null) {
            count = apart.count();
            examples.interleave(apart.first().stream().map(r -> new IdSet.Repeat(r.row(), r.id())).toList());
        } else {
            // The repeats across spilled runs complete the count and examples (see SpillingIdSet for why).
            SpillingIdSet.Repeats across = seen.repeatsAcrossRuns(QualityReport.MAX_EXAMPLES);
            count += across.count();
            examples.interleave(across.first());
        }
        if (count == 0) {
            return;
        }
        List<String> ids = List.copyOf(new LinkedHashSet<>(examples.values()));
        out.add(Kind.DUPLICATE_ID, column, count, out.share(count), null, severity,
                "id column '" + column + "': " + count + " rows repeat an id seen earlier in the batch, e.g. "
                        + quoted(ids) + " (row " + examples.rows().get(0) + "); expected one row per id",
                examples.rows(), ids);
    }

    /** Gives the repeats counted apart (see {@link QualityAccumulator#withIdsCountedApart}) to the report. */
    void countedApart(IdRepeats repeats) {
        apart = repeats;
    }

    /** Deletes the spilled ids, if any. */
    void close() {
        if (seen != null) {
            seen.close();
        }
    }

    @Override
    public void writeTo(DataOutput out) {
        if (seen != null) {
            throw new IllegalStateException("the duplicate-id check's ids do not travel as bytes: count them apart "
                    + "(QualityAccumulator.withIdsCountedApart)");
        }
    }

    /** The text the check compares and reports for the id in {@code row} of {@code column}. */
    static String idAt(Column column, int row) {
        if (column instanceof StringColumn s) {
            return s.get(row);
        }
        if (column instanceof CategoricalColumn c) {
            return c.get(row);
        }
        if (column instanceof NumericColumn n) {
            return Double.toString(n.get(row));
        }
        return Long.toString(((TimestampColumn) column).epochMillis()[row]);
    }
}
