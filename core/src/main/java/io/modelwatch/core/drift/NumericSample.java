package io.modelwatch.core.drift;

import io.modelwatch.core.binning.RadixSort;

/**
 * Finite numeric observations of one column. Holds the values in input order and, computed once
 * on first use and then shared, a sorted copy: the reference profile keeps the sorted reference so that
 * every run reuses it.
 */
public final class NumericSample implements Sample {

    private final double[] values;
    private volatile double[] sorted;

    private NumericSample(double[] values, double[] sorted) {
        this.values = values;
        this.sorted = sorted;
    }

    /**
     * Wraps values, dropping NaN and +-infinity (Evidently replaces inf by NaN and drops NaN).
     * The array is copied only when something had to be dropped; callers must not mutate it afterwards.
     */
    public static NumericSample of(double[] values) {
        int finite = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                finite++;
            }
        }
        if (finite == values.length) {
            return new NumericSample(values, null);
        }
        double[] kept = new double[finite];
        int i = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                kept[i++] = v;
            }
        }
        return new NumericSample(kept, null);
    }

    /** Wraps values that are already sorted ascending and finite (from a reference profile). */
    public static NumericSample ofSorted(double[] sortedValues) {
        return new NumericSample(sortedValues, sortedValues);
    }

    /** The observations (do not mutate). */
    public double[] values() {
        return values;
    }

    /** The observations sorted ascending (computed once; do not mutate). */
    public double[] sorted() {
        double[] s = sorted;
        if (s == null) {
            s = values.clone();
            RadixSort.sort(s);
            sorted = s;
        }
        return s;
    }

    @Override
    public long size() {
        return values.length;
    }

    @Override
    public ColumnKind kind() {
        return ColumnKind.NUMERIC;
    }
}
