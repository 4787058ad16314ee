package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.SortedRuns;

/**
 * A cursor over the distinct values of two samples merged, in ascending order: for each distinct value it
 * gives how many times it occurs in each sample. This is the single O(d1 + d2) walk (d = distinct values)
 * behind every rank- and ECDF-based numeric test (ties handled once, here). It walks the samples'
 * {@link SortedRuns}, so a sample with few distinct values costs little however many rows it has. Mutable and
 * local to one computation; not thread-safe.
 */
final class TieGroups {

    private final double[] va;
    private final int[] ca;
    private final double[] vb;
    private final int[] cb;
    private int i;
    private int j;
    private double value;
    private int countA;
    private int countB;
    private int cumulativeA;
    private int cumulativeB;

    TieGroups(SortedRuns a, SortedRuns b) {
        this.va = a.values();
        this.ca = a.counts();
        this.vb = b.values();
        this.cb = b.counts();
    }

    /** Advances to the next distinct value; false when both samples are exhausted. */
    boolean next() {
        boolean hasA = i < va.length;
        boolean hasB = j < vb.length;
        if (!hasA && !hasB) {
            return false;
        }
        value = !hasA ? vb[j] : !hasB ? va[i] : Math.min(va[i], vb[j]);
        countA = hasA && va[i] == value ? ca[i++] : 0;
        countB = hasB && vb[j] == value ? cb[j++] : 0;
        cumulativeA += countA;
        cumulativeB += countB;
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
        return cumulativeA;
    }

    /** Observations of the second sample at or below the current value. */
    int cumulativeB() {
        return cumulativeB;
    }
}
