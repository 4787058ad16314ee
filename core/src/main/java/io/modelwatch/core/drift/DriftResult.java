package io.modelwatch.core.drift;

/**
 * The outcome of one drift test on one column.
 *
 * @param method    registry name of the test ({@code ks}, {@code psi}, ...)
 * @param statistic the test statistic (D for KS, the distance for distances, z for the z-test ...)
 * @param pValue    the p-value, or {@code null} where the test has none (the distances)
 * @param score     the drift score compared with the threshold: the p-value for hypothesis tests,
 *                  the distance for distance measures (Evidently's {@code drift_score})
 * @param threshold the threshold used
 * @param direction how score and threshold were compared
 * @param drifted   the verdict
 */
public record DriftResult(String method, double statistic, Double pValue, double score, double threshold,
                          DriftDirection direction, boolean drifted) {

    /** Builds a result whose verdict follows from the direction. */
    public static DriftResult of(String method, double statistic, Double pValue, double score,
                                 double threshold, DriftDirection direction) {
        return new DriftResult(method, statistic, pValue, score, threshold, direction,
                direction.drifted(score, threshold));
    }
}
