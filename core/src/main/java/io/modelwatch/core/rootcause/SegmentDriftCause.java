package io.modelwatch.core.rootcause;

/**
 * A feature that drifted inside a segment, as a candidate cause of that segment's recall change.
 *
 * @param dimension     segment dimension
 * @param segment       segment label
 * @param feature       the feature
 * @param method        the drift test
 * @param score         its drift score (adjusted p-value for a p-value test, else the distance)
 * @param psi           the feature's PSI inside the segment, {@code null} when undefined
 * @param masked        the whole batch did not drift on this feature
 * @param segmentRank   the segment's rank among the segments by recall effect ({@link SegmentContribution#rank}),
 *                      {@code null} when the segment is not ranked
 * @param segmentEffect the segment's total effect on recall, {@code null} when not ranked
 */
public record SegmentDriftCause(String dimension, String segment, String feature, String method, Double score,
                                Double psi, boolean masked, Integer segmentRank, Double segmentEffect) {

    public String key() {
        return dimension + "=" + segment;
    }
}
