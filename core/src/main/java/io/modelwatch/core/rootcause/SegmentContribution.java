package io.modelwatch.core.rootcause;

/**
 * One segment's share of the change in overall recall (see {@link RootCauseAnalysis} for the formula).
 * Effects are in recall points: {@code -0.09} means the segment took 0.09 off the overall recall.
 *
 * @param rank                  1 for the segment that contributed most to a drop
 * @param dimension             segment dimension
 * @param segment               segment label
 * @param referenceRowShare     share of reference rows in the segment
 * @param currentRowShare       share of current rows in the segment
 * @param referenceChurnerShare {@code w_s}: share of reference churners in the segment
 * @param currentChurnerShare   {@code w'_s}: share of current churners in the segment
 * @param referenceRecall       {@code r_s} ({@code null} when the segment had no reference churners)
 * @param currentRecall         {@code r'_s} ({@code null} when it has no current churners)
 * @param currentChurners       current churners in the segment
 * @param mixEffect             population shift: {@code (w'_s − w_s)·(r_s − R)}
 * @param withinEffect          within-segment degradation: {@code w'_s·(r'_s − r_s)}
 * @param totalEffect           {@code mixEffect + withinEffect}
 */
public record SegmentContribution(int rank, String dimension, String segment, double referenceRowShare,
                                  double currentRowShare, double referenceChurnerShare,
                                  double currentChurnerShare, Double referenceRecall, Double currentRecall,
                                  long currentChurners, double mixEffect, double withinEffect,
                                  double totalEffect) {

    /** {@code dimension=segment}. */
    public String key() {
        return dimension + "=" + segment;
    }
}
