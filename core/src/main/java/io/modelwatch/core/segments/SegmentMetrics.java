package io.modelwatch.core.segments;

/**
 * Model quality inside one segment. Ratios are {@code null} where their denominator is 0.
 *
 * @param dimension             the segment dimension ({@code contract_type}, {@code tenure_band})
 * @param segment               the segment: a category ({@code Month-to-month}), a band ({@code [0, 12)},
 *                              the last band closed {@code [48, 120]}), {@value SegmentAnalysis#OUT_OF_BANDS}
 *                              or {@value SegmentAnalysis#MISSING}
 * @param count                 rows in the segment
 * @param labelled              rows with a known label
 * @param churners              labelled rows with label 1; null when no labels were given at all
 * @param churnRate             churners / labelled; null without labelled rows
 * @param recall                tp / (tp + fn) over labelled rows; null without churners
 * @param precision             tp / (tp + fp) over labelled rows; null without predicted churners among them
 * @param predictedPositiveRate rows predicted 1 / count (labelled or not); null for an empty segment
 */
public record SegmentMetrics(String dimension, String segment, long count, long labelled, Long churners,
                             Double churnRate, Double recall, Double precision, Double predictedPositiveRate) {
}
