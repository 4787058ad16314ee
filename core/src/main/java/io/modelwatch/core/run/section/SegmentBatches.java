package io.modelwatch.core.run.section;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.ParseReport;
import io.modelwatch.core.drift.ChunkValueRanks;
import io.modelwatch.core.segments.SegmentAnalysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rows of each segment of a batch, as batches of their own (the drift within segments tests them). */
final class SegmentBatches {

    private SegmentBatches() {
    }

    /** Row numbers of each segment of an assignment. */
    static int[][] rowsOf(SegmentAnalysis.Assignment a) {
        int[] sizes = new int[a.labels().size()];
        for (int s : a.segmentOfRow()) {
            sizes[s]++;
        }
        int[][] rows = new int[sizes.length][];
        for (int s = 0; s < sizes.length; s++) {
            rows[s] = new int[sizes[s]];
        }
        int[] fill = new int[sizes.length];
        int[] segmentOfRow = a.segmentOfRow();
        for (int i = 0; i < segmentOfRow.length; i++) {
            int s = segmentOfRow[i];
            rows[s][fill[s]++] = i;
        }
        return rows;
    }

    /**
     * The given rows of the named numeric and categorical columns of a batch (a categorical column keeps only the
     * categories those rows use, so a segment's profile lists no empty category).
     */
    static ColumnBatch select(ColumnBatch batch, int[] rows, List<String> names) {
        List<Column> columns = new ArrayList<>(names.size());
        for (String name : names) {
            Column c = batch.find(name).orElse(null);
            if (c instanceof NumericColumn n) {
                double[] values = new double[rows.length];
                for (int k = 0; k < rows.length; k++) {
                    values[k] = n.values()[rows[k]];
                }
                columns.add(new NumericColumn(name, values));
            } else if (c instanceof CategoricalColumn cat) {
                int[] recode = new int[cat.dictionary().size()];
                Arrays.fill(recode, -1);
                List<String> dictionary = new ArrayList<>();
                int[] codes = new int[rows.length];
                for (int k = 0; k < rows.length; k++) {
                    int code = cat.codes()[rows[k]];
                    if (code == CategoricalColumn.NULL_CODE) {
                        codes[k] = CategoricalColumn.NULL_CODE;
                    } else {
                        if (recode[code] < 0) {
                            recode[code] = dictionary.size();
                            dictionary.add(cat.dictionary().get(code));
                        }
                        codes[k] = recode[code];
                    }
                }
                columns.add(new CategoricalColumn(name, dictionary, codes));
            }
        }
        return new ColumnBatch(batch.source(), rows.length, columns.stream()
                .collect(LinkedHashMap::new, (m, c) -> m.put(c.name(), c), Map::putAll),
                ParseReport.clean(batch.source()));
    }

    /** The {@link ChunkValueRanks} of the named numeric columns of a chunk that have them (few distinct values). */
    static Map<String, ChunkValueRanks> ranks(ColumnBatch chunk, List<String> numeric) {
        return ranks(chunk, numeric, (name, values) -> ChunkValueRanks.of(values));
    }

    /** The {@link ChunkValueRanks} of every named numeric column of a chunk (hashed or sorted, {@link ChunkValueRanks#ofAny}). */
    static Map<String, ChunkValueRanks> allRanks(ColumnBatch chunk, java.util.Collection<String> numeric) {
        return ranks(chunk, numeric, (name, values) -> ChunkValueRanks.ofAny(values));
    }

    /** The ranks {@code rank} makes of each named numeric column's values (null: none), by name, columns in parallel. */
    static Map<String, ChunkValueRanks> ranks(ColumnBatch chunk, java.util.Collection<String> numeric,
                                              java.util.function.BiFunction<String, double[], ChunkValueRanks> rank) {
        Map<String, ChunkValueRanks> ranks = new java.util.concurrent.ConcurrentHashMap<>();
        numeric.parallelStream().forEach(name -> {
            if (chunk.find(name).orElse(null) instanceof NumericColumn n) {
                ChunkValueRanks r = rank.apply(name, n.values());
                if (r != null) {
                    ranks.put(name, r);
                }
            }
        });
        return ranks;
    }
}
