package io.modelwatch.spark;

import io.modelwatch.core.quality.IdRepeats;
import io.modelwatch.core.quality.QualityReport;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The duplicate-id check counted by Spark: per id, how many rows hold it and the first few of those rows (file
 * rows); over all ids, the rows that repeat an id seen earlier (for an id in n rows, the n - 1 after its first) and
 * the first of them in file order. The same numbers as one set over all rows in file order
 * ({@code QualityAccumulator}'s own check), since a repeat is any occurrence of an id but its first, wherever the
 * partitions cut the file.
 */
final class IdOccurrences {

    /** Rows kept per id: its first row and the repeats that can be among the first examples overall. */
    static final int KEPT = QualityReport.MAX_EXAMPLES + 1;

    private IdOccurrences() {
    }

    /** The rows of one id: how many, and the smallest {@link #KEPT} ascending. */
    record Rows(long count, long[] first) implements Serializable {

        static Rows of(long row) {
            return new Rows(1, new long[] {row});
        }

        Rows plus(Rows other) {
            long[] both = new long[first.length + other.first.length];
            System.arraycopy(first, 0, both, 0, first.length);
            System.arraycopy(other.first, 0, both, first.length, other.first.length);
            Arrays.sort(both);
            return new Rows(count + other.count, Arrays.copyOf(both, Math.min(KEPT, both.length)));
        }
    }

    /** One row that repeats an id (a serializable twin of {@link IdRepeats.Repeat}). */
    record Example(long row, String id) implements Serializable {
    }

    /** The repeats of all ids: their count and the first {@value QualityReport#MAX_EXAMPLES} in file order. */
    record Repeats(long count, List<Example> first) implements Serializable {

        static final Repeats NONE = new Repeats(0, List.of());

        Repeats plus(String id, Rows rows) {
            List<Example> mine = new ArrayList<>();
            for (int k = 1; k < rows.first().length; k++) {
                mine.add(new Example(rows.first()[k], id));
            }
            return plus(new Repeats(rows.count() - 1, mine));
        }

        Repeats plus(Repeats other) {
            List<Example> all = new ArrayList<>(first);
            all.addAll(other.first);
            all.sort((a, b) -> Long.compare(a.row(), b.row()));
            // an ArrayList, not List.copyOf: the JDK's immutable lists serialize through a proxy Spark handles too,
            // but a plain list keeps the task results simple
            return new Repeats(count + other.count, new ArrayList<>(all.subList(0, Math.min(QualityReport.MAX_EXAMPLES,
                    all.size()))));
        }

        IdRepeats toIdRepeats() {
            return new IdRepeats(count, first.stream().map(e -> new IdRepeats.Repeat(e.row(), e.id())).toList());
        }
    }
}
