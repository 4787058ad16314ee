package io.modelwatch.core.rootcause;

/**
 * Rows, actual churners and recall of one segment on the reference and on the current batch. The segments
 * given for one dimension must partition the rows (put nulls in a segment of their own), so that their
 * churners add up to all churners.
 *
 * <p>Counts rather than shares: the recall decomposition weighs segments by their share of actual
 * churners, which the counts give exactly (with the share of rows for the report).
 *
 * @param dimension          segment dimension ({@code contract_type}, {@code tenure_band}, ...)
 * @param segment            segment label ({@code Month-to-month})
 * @param referenceRows      reference rows in the segment
 * @param currentRows        current rows in the segment
 * @param referenceChurners  reference rows in the segment whose actual class is 1
 * @param currentChurners    current rows in the segment whose actual class is 1
 * @param referenceRecall    recall in the segment on the reference; {@code null} exactly when it has no churners
 * @param currentRecall      recall in the segment on the current batch; {@code null} exactly when it has no churners
 */
public record SegmentRecall(String dimension, String segment, long referenceRows, long currentRows,
                            long referenceChurners, long currentChurners, Double referenceRecall,
                            Double currentRecall) {

    public SegmentRecall {
        if (dimension == null || dimension.isBlank() || segment == null) {
            throw new IllegalArgumentException("dimension and segment are required, got '" + dimension + "' and '"
                    + segment + "'");
        }
        String name = dimension + "=" + segment;
        check(name, "reference", referenceRows, referenceChurners, referenceRecall);
        check(name, "current", currentRows, currentChurners, currentRecall);
    }

    private static void check(String name, String side, long rows, long churners, Double recall) {
        if (rows < 0 || churners < 0 || churners > rows) {
            throw new IllegalArgumentException(name + ": " + side + " churners must be in [0, rows], got "
                    + churners + " churners of " + rows + " rows");
        }
        if ((churners == 0) != (recall == null)) {
            throw new IllegalArgumentException(name + ": " + side + " recall must be null exactly when there are no "
                    + side + " churners, got recall " + recall + " with " + churners + " churners");
        }
        if (recall != null && !(recall >= 0 && recall <= 1)) {
            throw new IllegalArgumentException(name + ": " + side + " recall must be in [0, 1], got " + recall);
        }
    }

    /** {@code dimension=segment}. */
    public String key() {
        return dimension + "=" + segment;
    }
}
