package io.modelwatch.core.data;

import java.util.List;

/**
 * A dictionary-encoded categorical column: {@code codes[row]} indexes {@code dictionary}, and
 * {@link #NULL_CODE} marks a null cell. The dictionary is in first-seen order.
 */
public record CategoricalColumn(String name, List<String> dictionary, int[] codes) implements Column {

    public static final int NULL_CODE = -1;

    public CategoricalColumn {
        dictionary = List.copyOf(dictionary);
    }

    @Override
    public int size() {
        return codes.length;
    }

    @Override
    public boolean isNull(int row) {
        return codes[row] == NULL_CODE;
    }

    @Override
    public int nullCount() {
        int n = 0;
        for (int c : codes) {
            if (c == NULL_CODE) {
                n++;
            }
        }
        return n;
    }

    /** The value of a row, or {@code null}. */
    public String get(int row) {
        int c = codes[row];
        return c == NULL_CODE ? null : dictionary.get(c);
    }

    /** Count per dictionary entry (nulls excluded). */
    public long[] counts() {
        long[] counts = new long[dictionary.size()];
        for (int c : codes) {
            if (c != NULL_CODE) {
                counts[c]++;
            }
        }
        return counts;
    }
}
