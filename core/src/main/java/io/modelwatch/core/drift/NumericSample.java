package io.modelwatch.core.drift;

import io.modelwatch.core.binning.RadixSort;

/**
 * Finite numeric observations of one column. Holds the values in input order and, computed once on first
 * use and then shared, a sorted copy and its {@link SortedRuns} (distinct values with counts). A sample may
 * also be built from runs alone (a stored reference profile, a streamed batch): the ECDF- and rank-based tests
 * read {@link #runs()} and never expand it; tests that need the observations one by one get the sorted
 * expansion from {@link #values()} / {@link #sorted()}.
 */
public final class NumericSample implements Sample {

    private final double[] values;
    private volatile double[] sorted;
    private volatile SortedRuns runs;

    private NumericSample(double[] values, double[] sorted) {
        this.values = values;
        this.sorted = sorted;
    }

    private NumericSample(SortedRuns runs) {
        this.values = null;
        this.runs = runs;
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

    /**
     * Wraps values whose runs are already known (counted while reading): NaN and infinities are dropped as in
     * {@link #of(double[])}; {@code runs} must be those of the finite values.
     */
    public static NumericSample of(double[] values, SortedRuns runs) {
        NumericSample sample = of(values);
        if (sample.values.length != runs.total()) {
            throw new IllegalArgumentException("runs of " + runs.total() + " values given for " + sample.values.length
                    + " finite values");
        }
        sample.runs = runs;
        return sample;
    }

    /** Wraps values that are already sorted ascending and finite (from a reference profile). */
    public static NumericSample ofSorted(double[] sortedValues) {
        return new NumericSample(sortedValues, sortedValues);
    }

    /** A sample given as its distinct values and counts (nothing is expanded until asked for). */
    public static NumericSample ofRuns(SortedRuns runs) {
        return new NumericSample(runs);
    }

    /** The observations (do not mutate); in ascending order for a sample built from sorted values or runs. */
    public double[] values() {
        return values != null ? values : sorted();
    }

    /** The observations sorted ascending (computed once; do not mutate). */
    public double[] sorted() {
        double[] s = sorted;
        if (s == null) {
            if (values == null) {
                s = runs.expand();
            } else {
                s = values.clone();
                RadixSort.sort(s);
            }
            sorted = s;
        }
        return s;
    }

    /** Distinct values with their counts (computed once from the sorted values unless given; do not mutate). */
    public SortedRuns runs() {
        SortedRuns r = runs;
        if (r == null) {
            r = SortedRuns.ofSorted(sorted());
            runs = r;
        }
        return r;
    }

    /** Number of observations as an int (every array-backed sample fits). */
    public int count() {
        return values != null ? values.length : runs.total();
    }

    @Override
    public long size() {
        return count();
    }

    @Override
    public ColumnKind kind() {
        return ColumnKind.NUMERIC;
    }
}
