package io.modelwatch.core.run.section;

import io.modelwatch.core.data.TextBytes;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.drift.CategoricalSample;
import io.modelwatch.core.drift.ChunkValueRanks;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.drift.RunsAccumulator;
import io.modelwatch.core.drift.Sample;
import io.modelwatch.core.drift.SortedRuns;
import io.modelwatch.core.stability.PsiBins;
import io.modelwatch.core.stability.PsiResult;
import io.modelwatch.core.stability.StabilityIndex;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact counts of one tested column of a batch read in chunks ({@link DriftAccumulator}): the value runs of a
 * numeric column, the counts per label of a categorical one. Exact and mergeable in file order.
 */
sealed interface ColumnCounts permits ColumnCounts.Numeric, ColumnCounts.Categorical {

    static ColumnCounts of(ColumnKind kind) {
        return kind == ColumnKind.NUMERIC ? new Numeric(RunsAccumulator.create()) : new Categorical();
    }

    /** Counts the column's values in one chunk ({@code first}: the batch's first chunk). */
    default void add(Column column, boolean first) {
        add(column, first, null);
    }

    /**
     * As {@link #add(Column, boolean)}, counting a numeric column from {@code ranks}, the ranks of its values made
     * once for the chunk ({@link ChunkValueRanks#ofAny}), when not null: the same counts without a hash probe or a
     * sort of its own.
     */
    void add(Column column, boolean first, ChunkValueRanks ranks);

    /**
     * Counts the values at {@code rows} (ascending) of a chunk, exactly as {@link #add} of those rows selected into
     * a column of their own would ({@code SegmentBatches.select}); false, and nothing counted, when the column is not
     * of the kind this count reads directly.
     *
     * @param ranks the ranks of the chunk's values when made for a numeric column ({@link ChunkValueRanks#of}), else null
     * @param first whether these are the batch's first rows (a numeric count then keeps them for the tests that
     *              read the values of a batch of one chunk in file order: the chunk's column, not a copy)
     */
    boolean add(Column column, int[] rows, ChunkValueRanks ranks, boolean first);

    /** Adds the counts of the same column in later rows. */
    void merge(ColumnCounts later);

    void writeTo(DataOutput out) throws IOException;

    /** Counts written by {@link #writeTo}, in place of these (empty) ones. */
    ColumnCounts readFrom(DataInput in) throws IOException;

    /**
     * The current side of the column: the sample its drift test reads and its PSI against the reference bins.
     *
     * @param oneChunk whether the batch came as a single chunk
     * @param bins     the reference's PSI bins, or null when the column has no PSI
     */
    Current current(boolean oneChunk, StabilityIndex stability, PsiBins bins);

    /**
     * @param psi null when the column has no PSI or no value was counted (not computable, not an error)
     */
    record Current(Sample sample, PsiResult psi) {
    }

    /** Whether no non-null value was counted. */
    boolean isEmpty();

    final class Numeric implements ColumnCounts {
        private final RunsAccumulator counts;
        /** The values of the first chunk while it is the only one (tests that read values keep file order). */
        private double[] onlyChunk;
        /** The rows of {@link #onlyChunk} counted (ascending), or null for all of them. */
        private int[] onlyRows;

        private Numeric(RunsAccumulator counts) {
            this.counts = counts;
        }

        @Override
        public void add(Column column, boolean first, ChunkValueRanks ranks) {
            double[] values = ColumnCoercion.numeric(column).values();
            if (ranks != null) {
                ranks.countAll(counts);
            } else {
                counts.add(values);
            }
            onlyChunk = first ? values : null;
            onlyRows = null;
        }

        @Override
        public boolean add(Column column, int[] rows, ChunkValueRanks ranks, boolean first) {
            if (!(column instanceof NumericColumn n)) {
                return false;
            }
            if (ranks != null) {
                ranks.countInto(counts, rows);
            } else {
                counts.add(n.values(), rows);
            }
            onlyChunk = first ? n.values() : null;
            onlyRows = first ? rows : null;
            return true;
        }

        @Override
        public void merge(ColumnCounts later) {
            counts.merge(((Numeric) later).counts);
            onlyChunk = null;
            onlyRows = null;
        }

        /** The values of the only chunk counted, in file order. */
        private double[] onlyValues() {
            if (onlyRows == null) {
                return onlyChunk;
            }
            double[] values = new double[onlyRows.length];
            for (int k = 0; k < onlyRows.length; k++) {
                values[k] = onlyChunk[onlyRows[k]];
            }
            return values;
        }

        @Override
        public void writeTo(DataOutput out) throws IOException {
            counts.writeTo(out);
        }

        @Override
        public ColumnCounts readFrom(DataInput in) throws IOException {
            return new Numeric(RunsAccumulator.readFrom(in));
        }

        @Override
        public Current current(boolean oneChunk, StabilityIndex stability, PsiBins bins) {
            SortedRuns runs = counts.runs();
            Sample sample = onlyChunk != null && oneChunk ? NumericSample.of(onlyValues(), runs) : NumericSample.ofRuns(runs);
            boolean values = runs.total() > 0 || counts.negativeInfinities() + counts.positiveInfinities() > 0;
            return new Current(sample, bins == null || !values ? null : stability.psiOfRuns(bins, runs,
                    counts.negativeInfinities(), counts.positiveInfinities(), counts.nulls()));
        }

        @Override
        public boolean isEmpty() {
            return counts.runs().total() == 0 && counts.negativeInfinities() + counts.positiveInfinities() == 0;
        }
    }

    final class Categorical implements ColumnCounts {
        private final Map<String, Long> counts = new LinkedHashMap<>();
        private long nulls;

        @Override
        public void add(Column column, boolean first, ChunkValueRanks ranks) {
            CategoricalColumn c = ColumnCoercion.categorical(column);
            long[] byCode = c.counts();
            long counted = 0;
            for (int code = 0; code < byCode.length; code++) {
                if (byCode[code] > 0) {
                    counts.merge(c.dictionary().get(code), byCode[code], Long::sum);
                    counted += byCode[code];
                }
            }
            nulls += c.size() - counted;
        }

        @Override
        public boolean add(Column column, int[] rows, ChunkValueRanks ranks, boolean first) {
            if (!(column instanceof CategoricalColumn c)) {
                return false;
            }
            // the labels in the order the rows first use them, as the selected column's dictionary has them
            int[] codes = c.codes();
            long[] byCode = new long[c.dictionary().size()];
            int[] firstSeen = new int[byCode.length];
            int seen = 0;
            for (int row : rows) {
                int code = codes[row];
                if (code != CategoricalColumn.NULL_CODE && byCode[code]++ == 0) {
                    firstSeen[seen++] = code;
                }
            }
            long counted = 0;
            for (int k = 0; k < seen; k++) {
                counts.merge(c.dictionary().get(firstSeen[k]), byCode[firstSeen[k]], Long::sum);
                counted += byCode[firstSeen[k]];
            }
            nulls += rows.length - counted;
            return true;
        }

        @Override
        public void merge(ColumnCounts later) {
            Categorical l = (Categorical) later;
            l.counts.forEach((label, count) -> counts.merge(label, count, Long::sum));
            nulls += l.nulls;
        }

        @Override
        public void writeTo(DataOutput out) throws IOException {
            out.writeLong(nulls);
            out.writeInt(counts.size());
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                TextBytes.write(out, e.getKey());
                out.writeLong(e.getValue());
            }
        }

        @Override
        public ColumnCounts readFrom(DataInput in) throws IOException {
            nulls = in.readLong();
            int labels = in.readInt();
            for (int k = 0; k < labels; k++) {
                counts.put(TextBytes.read(in), in.readLong());
            }
            return this;
        }

        @Override
        public Current current(boolean oneChunk, StabilityIndex stability, PsiBins bins) {
            Sample sample = CategoricalSample.ofCounts(counts);
            if (bins == null || counts.isEmpty()) {
                return new Current(sample, null);
            }
            List<String> labels = new ArrayList<>(counts.keySet());
            long[] values = counts.values().stream().mapToLong(Long::longValue).toArray();
            return new Current(sample, stability.psiOfLabelCounts(bins, labels, values, nulls));
        }

        @Override
        public boolean isEmpty() {
            return counts.isEmpty();
        }
    }
}
