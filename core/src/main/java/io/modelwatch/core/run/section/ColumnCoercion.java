package io.modelwatch.core.run.section;

import io.modelwatch.core.config.SegmentSpec;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.drift.CategoricalSample;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A column as the kind a section needs: numbers for a numeric test, categories for a categorical one. */
public final class ColumnCoercion {

    private ColumnCoercion() {
    }

    /**
     * The column's numbers.
     *
     * @throws IllegalArgumentException when the column was not read as numbers
     */
    public static NumericColumn numeric(Column c) {
        if (c instanceof NumericColumn n) {
            return n;
        }
        throw new IllegalArgumentException("column '" + c.name() + "' must be numeric, but was read as "
                + c.getClass().getSimpleName());
    }

    /**
     * The column's categories; a numeric column becomes the labels of its numbers (a categorical feature whose
     * values happen to be numbers).
     *
     * @throws IllegalArgumentException when the column is neither categorical nor numeric
     */
    public static CategoricalColumn categorical(Column c) {
        if (c instanceof CategoricalColumn cat) {
            return cat;
        }
        if (c instanceof NumericColumn n) {
            String[] dict = Arrays.stream(n.values()).filter(v -> !Double.isNaN(v)).distinct()
                    .mapToObj(CategoricalSample::numberLabel).toArray(String[]::new);
            Map<String, Integer> code = new LinkedHashMap<>();
            for (String d : dict) {
                code.put(d, code.size());
            }
            int[] codes = new int[n.size()];
            for (int i = 0; i < codes.length; i++) {
                double v = n.values()[i];
                codes[i] = Double.isNaN(v) ? CategoricalColumn.NULL_CODE : code.get(CategoricalSample.numberLabel(v));
            }
            return new CategoricalColumn(c.name(), List.of(dict), codes);
        }
        throw new IllegalArgumentException("column '" + c.name() + "' must be categorical, but was read as "
                + c.getClass().getSimpleName());
    }

    /** A banded dimension needs numbers; a categorical one needs categories (numbers become labels). */
    public static Column forSegment(SegmentSpec spec, Column column) {
        return spec.isBanded() ? numeric(column) : categorical(column);
    }
}
