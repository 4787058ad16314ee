package io.modelwatch.core.data;

import java.util.Arrays;

/**
 * Builds a categorical column: dictionary-encoded text. The dictionary lives as long as the builder, so codes
 * are the same in every chunk of one read and each chunk's dictionary extends the previous one.
 *
 * <p>The same shape as {@link NumericBuilder} and {@link TimestampBuilder} over an {@code int[]} of codes, on
 * purpose: a shared generic builder would box every cell (see {@link ColumnBuilder}).
 */
final class CategoricalBuilder extends ColumnBuilder {
    private final ByteDictionary dictionary = new ByteDictionary();
    private int[] codes;
    private int size;

    CategoricalBuilder() {
        this(new int[0], 0);
    }

    /**
     * A builder that writes into {@code into} from index {@code from} with a dictionary of its own (one range
     * of a parallel read; the reader then maps its codes to the merged dictionary).
     */
    CategoricalBuilder(int[] into, int from) {
        codes = into;
        size = from;
    }

    ByteDictionary dictionary() {
        return dictionary;
    }

    /** Replaces each code of {@code codes[from, to)} but nulls by {@code map[code]}. */
    static void remap(int[] codes, int from, int to, int[] map) {
        for (int row = from; row < to; row++) {
            int code = codes[row];
            if (code != CategoricalColumn.NULL_CODE) {
                codes[row] = map[code];
            }
        }
    }

    @Override
    boolean append(byte[] b, int off, int len) {
        add(len == 0 ? CategoricalColumn.NULL_CODE : dictionary.codeOf(b, off, len));
        return true;
    }

    private void add(int code) {
        if (size == codes.length) {
            codes = Arrays.copyOf(codes, grow(size));
        }
        codes[size++] = code;
    }

    @Override
    void reserve(int capacity) {
        if (capacity > codes.length) {
            codes = Arrays.copyOf(codes, capacity);
        }
    }

    @Override
    void appendNull() {
        add(CategoricalColumn.NULL_CODE);
    }

    @Override
    Column take(String name) {
        Column c = new CategoricalColumn(name, dictionary.values(),
                size == codes.length ? codes : Arrays.copyOf(codes, size));
        codes = size == codes.length ? new int[0] : codes;
        size = 0;
        return c;
    }

    @Override
    ColumnType type() {
        return ColumnType.CATEGORICAL;
    }
}
