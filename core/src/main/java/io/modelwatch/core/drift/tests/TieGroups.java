package io.modelwatch.core.drift.tests;

/**
 * A cursor over the distinct values of two sorted samples merged, in ascending order: for each
 * distinct value it gives how many times it occurs in each sample. This is the single O(n1 + n2)
 * walk behind every rank- and ECDF-based numeric test (ties handled once, here). Mutable and
 * local to one computation; not thread-safe.
 */
final class TieGroups {

    private final double[] a;
    private final double[] b;
    private int i;
    private int j;
    private double value;
    private int countA;
    private int countB;

    /** Both arrays must be sorted ascending and contain no NaN. */
    TieGroups(double[] sortedA, double[] sortedB) {
        this.a = sortedA;
        this.b = sortedB;
    }

    /** Advances to the next distinct value; false when both samples are exhausted. */
    boolean next() {
        boolean hasA = i < a.length;
        boolean hasB = j < b.length;
        if (!hasA && !hasB) {
            return false;
        }
        value = !hasA ? b[j] : !hasB ? a[i] : Math.min(a[i], b[j]);
        int startA = i;
        while (i < a.length && a[i] == value) {
            i++;
        }
        int startB = j;
        while (j < b.length && b[j] == value) {
            j++;
        }
        countA = i - startA;
        countB = j - startB;
        return true;
    }

    /** The current distinct value. */
    double value() {
        return value;
    }

    /** Occurrences of the current value in the first sample. */
    int countA() {
        return countA;
    }

    /** Occurrences of the current value in the second sample. */
    int countB() {
        return countB;
    }

    /** Observations of the first sample at or below the current value. */
    int cumulativeA() {
        return i;
    }

    /** Observations of the second sample at or below the current value. */
    int cumulativeB() {
        return j;
    }
}
