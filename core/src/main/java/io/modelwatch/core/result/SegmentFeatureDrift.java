package io.modelwatch.core.result;

/**
 * Drift of one feature inside one segment ({@code snapshot.json → segmentDrift[]}): the whole-batch test choice and
 * threshold applied to the segment's rows of reference and current, with the Benjamini–Hochberg adjustment over all
 * segment × feature p-values of the run.
 *
 * @param dimension        segment dimension ({@code contract_type})
 * @param segment          segment label ({@code Month-to-month})
 * @param column           the feature
 * @param type             {@code numeric} or {@code categorical}
 * @param method           the drift test (registry name), chosen as for the whole batch with the segment's
 *                         reference rows
 * @param referenceRows    the segment's reference rows
 * @param currentRows      the segment's current rows
 * @param statistic        the test statistic, {@code null} when the test could not run
 * @param score            the drift score (p-value or distance), {@code null} when the test could not run
 * @param pValue           the raw p-value where the test has one
 * @param adjustedPValue   the Benjamini–Hochberg adjusted p-value where the test has one
 * @param threshold        the test's threshold (for a p-value test the FDR q replaces it in the verdict)
 * @param rule             the comparison: {@code adjusted p <= q} or the test's own (a distance above its threshold)
 * @param drifted          drift inside the segment (adjusted p-value {@code <= q}, or the distance rule)
 * @param psi              PSI of the feature inside the segment, in the segment's reference bins
 * @param populationDrifted the whole-batch verdict of the same feature
 * @param masked           drifted inside the segment while the whole batch did not drift on this feature
 * @param error            why the test could not run, else {@code null}
 */
public record SegmentFeatureDrift(String dimension, String segment, String column, String type, String method,
                                  long referenceRows, long currentRows, Double statistic, Double score,
                                  Double pValue, Double adjustedPValue, double threshold, String rule,
                                  boolean drifted, Double psi, boolean populationDrifted, boolean masked,
                                  String error) {

    /** {@code dimension=segment}, as segment rows and metric rows name a segment. */
    public String key() {
        return dimension + "=" + segment;
    }
}
