package io.modelwatch.core.estimation;

/**
 * An estimated metric with its sampling-error band (see {@link ConfidenceBasedEstimator}).
 *
 * @param value the estimate
 * @param lower lower end of the band, clipped to 0; {@code null} when the reference gave no band
 * @param upper upper end of the band, clipped to 1; {@code null} when the reference gave no band
 */
public record Estimate(double value, Double lower, Double upper) {
}
