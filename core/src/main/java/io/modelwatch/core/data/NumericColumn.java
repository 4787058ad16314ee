package io.modelwatch.core.data;

/**
 * A numeric column as a primitive {@code double[]}; a null (empty or unparseable) cell is NaN.
 * Unparseable cells are reported through the batch's {@link ParseReport}, never turned into a number.
 */
public record NumericColumn(String name, double[] values) implements Column {

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isNull(int row) {
        return Double.isNaN(values[row]);
    }

    @Override
    public int nullCount() {
        int n = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    public double get(int row) {
        return values[row];
    }
}
