package io.modelwatch.core.result;

/**
 * One segment's quality ({@code snapshot.json → segments[]}).
 *
 * @param dimension        segment dimension ({@code contract_type}, {@code tenure_band} ...)
 * @param segment          segment label ({@code Month-to-month}, {@code [0, 12)} ...)
 * @param count            rows in the segment
 * @param churners         actual churners among labelled rows
 * @param churnRate        actual churn rate, {@code null} without labels
 * @param recall           recall, {@code null} when undefined
 * @param precision        precision, {@code null} when undefined
 * @param predictedPositiveRate predicted churn rate
 * @param referenceRecall  the same segment's recall on the reference, {@code null} when undefined
 * @param recallDrop       {@code referenceRecall - recall} when the segment has enough churners, else {@code null}
 * @param psi              drift of the segment's predicted probability against the same segment of the
 *                         reference (drift within the segment), {@code null} when the reference has no rows there
 *                         or the segment has fewer than {@link #MIN_ROWS_FOR_PSI} scored rows
 * @param referenceCount   rows of the segment in the reference
 * @param referenceChurners actual churners of the segment in the reference
 * @param missedChurners   ids of a few actual churners the model missed in this segment (false negatives),
 *                         the example rows behind a root-cause hypothesis
 */
public record SegmentRow(String dimension, String segment, long count, long churners, Double churnRate,
                         Double recall, Double precision, Double predictedPositiveRate, Double referenceRecall,
                         Double recallDrop, Double psi, long referenceCount, long referenceChurners,
                         java.util.List<String> missedChurners) {

    /**
     * Fewest scored rows a segment needs for its prediction PSI: with ten decile bins, a handful of rows gives
     * a PSI that is mostly sampling noise (10 rows of a stable segment easily reach PSI 3).
     */
    public static final int MIN_ROWS_FOR_PSI = 100;

    /** Example ids kept per segment. */
    public static final int MAX_EXAMPLES = 10;

    public SegmentRow {
        missedChurners = missedChurners == null ? java.util.List.of() : java.util.List.copyOf(missedChurners);
    }

    /** {@code dimension=segment}, the segment key used in metric rows and alerts. */
    public String key() {
        return dimension + "=" + segment;
    }
}
