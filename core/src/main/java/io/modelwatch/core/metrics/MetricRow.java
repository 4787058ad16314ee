package io.modelwatch.core.metrics;


/**
 * One flat row of the metrics log (the {@code metrics_log} table, {@code metrics.csv},
 * {@code snapshot.json → metrics[]}).
 *
 * @param category  {@code drift}, {@code psi}, {@code performance}, {@code estimated_performance},
 *                  {@code quality}, {@code segment}, {@code importance}, {@code concept}
 * @param name      metric name within the category ({@code recall}, {@code psi}, {@code null_share} ...)
 * @param column    the column it concerns, or {@code null}
 * @param segment   the segment it concerns ({@code contract_type=Month-to-month}), or {@code null}
 * @param value     the value; {@code null} when undefined (for example recall without positives)
 * @param threshold the threshold it was compared with, or {@code null}
 * @param status    {@code ok}, {@code breach}, {@code undefined}, or {@code held} (a rule's threshold was crossed
 *                  but the value lies inside the no-change band; {@code threshold} is then the rule's)
 * @param role      what the column of a drift or PSI row is to the model: {@code feature}, {@code prediction} (the
 *                  probability or the predicted class) or {@code target} (the label); {@code null} for other rows
 * @param bandExpected the metric's value under no change at this batch's size ({@link NoChangeBand}), or
 *                     {@code null} when the metric has no band
 * @param bandError    its standard error under no change, or {@code null}; a rule fires only outside
 *                     {@code bandExpected ± band_sigma · bandError}
 * @param bandStep     the metric's resolution for the band ({@link NoChangeBand#step()}: 1 for a count, judged with
 *                     the continuity correction; 0 for a continuous metric), or {@code null} without a band
 */
public record MetricRow(String category, String name, String column, String segment, Double value,
                        Double threshold, String status, String role, Double bandExpected, Double bandError,
                        Double bandStep) {

    /** A row without a band. */
    public MetricRow(String category, String name, String column, String segment, Double value, Double threshold,
                     String status, String role) {
        this(category, name, column, segment, value, threshold, status, role, null, null, null);
    }

    /** A row with the band of a continuous metric. */
    public MetricRow(String category, String name, String column, String segment, Double value, Double threshold,
                     String status, String role, Double bandExpected, Double bandError) {
        this(category, name, column, segment, value, threshold, status, role, bandExpected, bandError,
                bandExpected == null ? null : 0.0);
    }

    /** A row without a role (every category but drift and PSI). */
    public MetricRow(String category, String name, String column, String segment, Double value, Double threshold,
                     String status) {
        this(category, name, column, segment, value, threshold, status, null);
    }

    /**
     * Category of the reference's own performance rows: the baseline shown beside the run's metrics, stored with the
     * run that first computes it and never alerted on.
     */
    public static final String REFERENCE_CATEGORY = "reference";

    public static final String OK = "ok";
    public static final String BREACH = "breach";
    public static final String UNDEFINED = "undefined";
    /** A rule's threshold was crossed, but the value lies within the no-change band: no alert. */
    public static final String HELD = "held";

    /** This row with the band of its metric (or unchanged for {@code null}). */
    public MetricRow withBand(NoChangeBand band) {
        return band == null ? this : new MetricRow(category, name, column, segment, value, threshold, status, role,
                band.expected(), band.standardError(), band.step());
    }

    /** This row held back by its band from the rule whose threshold it crossed. */
    public MetricRow heldAt(double ruleThreshold) {
        return new MetricRow(category, name, column, segment, value, ruleThreshold, HELD, role, bandExpected,
                bandError, bandStep);
    }

    /** The identity of the metric (category, name, column, segment), as {@link NoChangeBand#key()}. */
    public String key() {
        return NoChangeBand.key(category, name, column, segment);
    }
}
