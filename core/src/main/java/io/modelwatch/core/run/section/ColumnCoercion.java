package io.modelwatch.core.run.section;

import io.modelwatch.core.config.SegmentSpec;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.drift.CategoricalSample;
import io.modelwatch.core.segments.NumberSlots;

import java.util.ArrayList;
import java.util.List;

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
            // the labels in first-seen order; a row's code found by its number's bits, not by formatting it
            // (a label per row cost a Double.toString and a boxed lookup per row)
            NumberSlots codeOf = new NumberSlots();
            List<String> dict = new ArrayList<>();
            double[] values = n.values();
            int[] codes = new int[values.length];
            for (int i = 0; i < codes.length; i++) {
                double v = values[i];
                if (Double.isNaN(v)) {
                    codes[i] = CategoricalColumn.NULL_CODE;
                    continue;
                }
                int code = codeOf.get(v);
                if (code == NumberSlots.NONE) {
                    code = dict.size();
                    dict.add(CategoricalSample.numberLabel(v));
                    codeOf.put(v, code);
                }
                codes[i] = code;
            }
            return new CategoricalColumn(c.name(), List.copyOf(dict), codes);
        }
        throw new IllegalArgumentException("column '" + c.name() + "' must be categorical, but was read as "
                + c.getClass().getSimpleName());
    }

    /** A banded dimension needs numbers; a categorical one needs categories (numbers become labels). */
    public static Column forSegment(SegmentSpec spec, Column column) {
        return spec.isBanded() ? numeric(column) : categorical(column);
    }
}
