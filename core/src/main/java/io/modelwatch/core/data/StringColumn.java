package io.modelwatch.core.data;

/** Free-text values such as customer ids; {@code null} marks a null cell. */
public record StringColumn(String name, String[] values) implements Column {

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isNull(int row) {
        return values[row] == null;
    }

    @Override
    public int nullCount() {
        int n = 0;
        for (String v : values) {
            if (v == null) {
                n++;
            }
        }
        return n;
    }

    public String get(int row) {
        return values[row];
    }
}
