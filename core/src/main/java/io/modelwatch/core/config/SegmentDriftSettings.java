package io.modelwatch.core.config;

/**
 * Drift of each feature inside each configured segment ({@code drift.within_segments} in {@code monitoring.yaml}).
 *
 * @param enabled          compute it at all (the reference profile then carries per-segment reference samples)
 * @param minReferenceRows a segment is tested only with at least this many reference rows (default 500)
 * @param minCurrentRows   ... and at least this many current rows (default 500)
 * @param fdrQ             Benjamini–Hochberg false-discovery rate over all segment × feature p-values (default 0.05)
 * @param severity         severity of the masked-drift alert: HIGH, MEDIUM (default), LOW, or NONE for no alert
 * @param minPsi           effect-size floor of a masked drift: the feature's PSI inside the segment (in the segment's
 *                         own reference bins) must be at least this (default 0.1, the PSI warning threshold of the
 *                         default rules), so a significant but negligible difference (a value unseen in a small
 *                         segment reference) raises no alert
 */
public record SegmentDriftSettings(boolean enabled, int minReferenceRows, int minCurrentRows, double fdrQ,
                                   CheckSeverity severity, double minPsi) {

    public SegmentDriftSettings {
        Checks.whole("min_reference_rows", minReferenceRows, 2, Integer.MAX_VALUE);
        Checks.whole("min_current_rows", minCurrentRows, 2, Integer.MAX_VALUE);
        if (!(fdrQ > 0 && fdrQ < 1)) {
            throw ConfigException.invalid("fdr_q", "a false-discovery rate in (0, 1)", String.valueOf(fdrQ));
        }
        Checks.required("severity", severity);
        Checks.number("min_psi", minPsi, 0, 100);
    }

    public static SegmentDriftSettings defaults() {
        return new SegmentDriftSettings(true, 500, 500, 0.05, CheckSeverity.MEDIUM, 0.1);
    }
}
