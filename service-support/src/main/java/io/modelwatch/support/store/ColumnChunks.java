package io.modelwatch.support.store;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TimestampColumn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored column's chunks put back together ({@link BatchStore#loadBatch}, which only tests use now). Lossless: the
 * values, nulls and categories of the whole column are those of its chunks in order.
 */
final class ColumnChunks {

    private ColumnChunks() {
    }

    /** The chunks of one column, in row order, as one column. */
    static Column concat(String name, List<Column> chunks) {
        int n = chunks.stream().mapToInt(Column::size).sum();
        Column first = chunks.isEmpty() ? new NumericColumn(name, new double[0]) : chunks.get(0);
        int at = 0;
        if (first instanceof NumericColumn) {
            double[] v = new double[n];
            for (Column c : chunks) {
                double[] part = ((NumericColumn) c).values();
                System.arraycopy(part, 0, v, at, part.length);
                at += part.length;
            }
            return new NumericColumn(name, v);
        } else if (first instanceof TimestampColumn) {
            long[] v = new long[n];
            for (Column c : chunks) {
                long[] part = ((TimestampColumn) c).epochMillis();
                System.arraycopy(part, 0, v, at, part.length);
                at += part.length;
            }
            return new TimestampColumn(name, v);
        } else if (first instanceof StringColumn) {
            String[] v = new String[n];
            for (Column c : chunks) {
                StringColumn s = (StringColumn) c;
                for (int r = 0; r < s.size(); r++) {
                    v[at++] = s.get(r);
                }
            }
            return new StringColumn(name, v);
        }
        // categories in order of first appearance over the chunks (a later chunk's dictionary extends an earlier one's)
        List<String> dictionary = new ArrayList<>();
        Map<String, Integer> codeOf = new HashMap<>();
        int[] codes = new int[n];
        for (Column c : chunks) {
            CategoricalColumn k = (CategoricalColumn) c;
            int[] remap = new int[k.dictionary().size()];
            for (int d = 0; d < remap.length; d++) {
                String category = k.dictionary().get(d);
                remap[d] = codeOf.computeIfAbsent(category, x -> {
                    dictionary.add(x);
                    return dictionary.size() - 1;
                });
            }
            for (int code : k.codes()) {
                codes[at++] = code == CategoricalColumn.NULL_CODE ? CategoricalColumn.NULL_CODE : remap[code];
            }
        }
        return new CategoricalColumn(name, dictionary, codes);
    }
}
