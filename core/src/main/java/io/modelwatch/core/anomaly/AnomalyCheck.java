package io.modelwatch.core.anomaly;

/**
 * The verdict of {@link MetricAnomalyDetector} on one metric value.
 *
 * @param anomalous   whether the value left the metric's recent range
 * @param historyUsed how many past values were used (the finite values in the window)
 * @param median      median of the used history; {@code null} when too short to judge
 * @param mad         median absolute deviation of the used history; {@code null} when too short to judge
 * @param score       signed robust z-score of the value (positive above the median); {@code null} when the
 *                    history is too short or constant
 * @param threshold   the {@code |score|} above which a value is anomalous
 * @param reason      one line explaining the verdict
 */
public record AnomalyCheck(boolean anomalous, int historyUsed, Double median, Double mad, Double score,
                           double threshold, String reason) {
}
