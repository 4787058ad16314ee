package io.modelwatch.core.drift.tests;

/**
 * What a drift test computes before the verdict: its statistic, its p-value ({@code null} for a distance)
 * and the score compared with the threshold (the p-value, or the distance itself).
 */
record DriftScore(double statistic, Double pValue, double score) {

    /** A hypothesis test: the p-value is the score. */
    static DriftScore pValue(double statistic, double p) {
        return new DriftScore(statistic, p, p);
    }

    /** A distance: it is both the statistic and the score, and there is no p-value. */
    static DriftScore distance(double distance) {
        return new DriftScore(distance, null, distance);
    }
}
