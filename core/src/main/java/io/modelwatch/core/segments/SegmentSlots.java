package io.modelwatch.core.segments;

import io.modelwatch.core.config.SegmentSpec;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.drift.CategoricalSample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The segments of one dimension as slots 0, 1, ...: for bands, the bands then out of bands then missing (all made
 * at once); for categories, missing (nulls) then each category in first-seen order, keyed by its label, so chunks
 * whose dictionaries differ map the same category to the same slot. {@link #of(Column)} gives each row's slot;
 * {@link SegmentCounts} keeps the counts per slot and grows them as slots appear.
 */
final class SegmentSlots {

    static final int NONE = NumberSlots.NONE;
    private static final int UNSEEN_CODE = -2;

    /** Band edges; null for a categorical dimension. */
    final double[] edges;
    private final List<String> labels = new ArrayList<>();
    private final int nullSlot;
    private final Map<String, Integer> slotOfCategory = new HashMap<>();
    private final NumberSlots slotOfNumber = new NumberSlots();

    SegmentSlots(SegmentSpec spec) {
        if (spec.isBanded()) {
            edges = SegmentAnalysis.edges(spec);
            labels.addAll(SegmentAnalysis.bandLabels(edges));
            nullSlot = labels.size() - 1;
        } else {
            edges = null;
            labels.add(SegmentAnalysis.MISSING);
            nullSlot = 0;
        }
    }

    int size() {
        return labels.size();
    }

    String label(int slot) {
        return labels.get(slot);
    }

    int nullSlot() {
        return nullSlot;
    }

    /** The slot of a category's label, made when first seen. */
    int categorySlot(String label) {
        Integer s = slotOfCategory.get(label);
        if (s == null) {
            s = labels.size();
            labels.add(label);
            slotOfCategory.put(label, s);
        }
        return s;
    }

    /** The slot named by a label (a band's or a category's), or {@link #NONE}; the null slot is not looked up. */
    int slotOf(String label) {
        if (edges != null) {
            return labels.indexOf(label);
        }
        Integer s = slotOfCategory.get(label);
        return s == null ? NONE : s;
    }

    /**
     * The slot of each row of the dimension's column: numeric for bands; categorical, or numeric whose values
     * become categories labelled {@link CategoricalSample#numberLabel}.
     *
     * @throws IllegalArgumentException if the column's type does not fit the dimension
     */
    int[] of(Column column) {
        int n = column.size();
        int[] slotOfRow = new int[n];
        if (edges != null) {
            if (!(column instanceof NumericColumn numeric)) {
                throw new IllegalArgumentException("column '" + column.name() + "' must be numeric, but was read as "
                        + column.getClass().getSimpleName());
            }
            double[] values = numeric.values();
            for (int i = 0; i < n; i++) {
                slotOfRow[i] = SegmentAnalysis.band(edges, values[i]);
            }
        } else if (column instanceof CategoricalColumn categorical) {
            int[] codes = categorical.codes();
            int[] slotOfCode = new int[categorical.dictionary().size()];
            Arrays.fill(slotOfCode, UNSEEN_CODE);
            for (int i = 0; i < n; i++) {
                int code = codes[i];
                if (code == CategoricalColumn.NULL_CODE) {
                    slotOfRow[i] = nullSlot;
                } else {
                    if (slotOfCode[code] == UNSEEN_CODE) {
                        slotOfCode[code] = categorySlot(categorical.dictionary().get(code));
                    }
                    slotOfRow[i] = slotOfCode[code];
                }
            }
        } else if (column instanceof NumericColumn numeric) {
            // a categorical dimension whose values happen to be numbers: each number is a category
            double[] values = numeric.values();
            for (int i = 0; i < n; i++) {
                double v = values[i];
                if (Double.isNaN(v)) {
                    slotOfRow[i] = nullSlot;
                } else {
                    int s = slotOfNumber.get(v);
                    if (s == NONE) {
                        s = categorySlot(CategoricalSample.numberLabel(v));
                        slotOfNumber.put(v, s);
                    }
                    slotOfRow[i] = s;
                }
            }
        } else {
            throw new IllegalArgumentException("column '" + column.name() + "' must be categorical, but was read as "
                    + column.getClass().getSimpleName());
        }
        return slotOfRow;
    }

    /**
     * The slots a report shows, in the order of {@link SegmentAnalysis#of}: every band, then out of bands and
     * missing when they have rows; or the categories with rows by label, then missing when it has rows.
     *
     * @param count the rows of each slot
     */
    List<Integer> reportOrder(long[] count) {
        List<Integer> order = new ArrayList<>();
        if (edges != null) {
            int bands = edges.length - 1;
            for (int s = 0; s < labels.size(); s++) {
                if (s < bands || count[s] > 0) {
                    order.add(s);
                }
            }
        } else {
            for (int s = 0; s < labels.size(); s++) {
                if (s != nullSlot && count[s] > 0) {
                    order.add(s);
                }
            }
            order.sort((a, b) -> labels.get(a).compareTo(labels.get(b)));
            if (count[nullSlot] > 0) {
                order.add(nullSlot);
            }
        }
        return order;
    }
}
