package io.modelwatch.core.performance;

/**
 * One bin of a reliability (calibration) curve: scores in {@code (lower, upper]}, bin 0 also holding 0.
 *
 * @param bin              bin index, 0-based
 * @param lower            lower edge {@code k/B} in float64 (so {@code 0.30000000000000004} for k = 3, B = 10)
 * @param upper            upper edge
 * @param count            scores in the bin
 * @param meanPredicted    mean score in the bin, null for an empty bin
 * @param fractionPositive share of label 1 in the bin, null for an empty bin
 */
public record ReliabilityBin(int bin, double lower, double upper, long count, Double meanPredicted,
                             Double fractionPositive) {
}
