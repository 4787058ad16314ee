package io.modelwatch.core.config;

/**
 * Which features the importance rules (IV change, WoE sign flips) watch. A feature with almost no
 * information value on the reference has an IV whose relative change is noise (0.001 to 0.002 is +100 %),
 * and a bin whose WoE is near 0 flips sign by chance; both are left out.
 *
 * @param minReferenceIv a feature is watched when its smoothed reference IV is at least this
 *                       (0.02 is the usual "weak predictor" boundary of credit scoring)
 * @param minAbsWoe      a sign flip counts only when |WoE| is at least this on both sides
 */
public record ImportanceSettings(double minReferenceIv, double minAbsWoe) {

    public ImportanceSettings {
        Checks.number("min_reference_iv", minReferenceIv, 0, Double.MAX_VALUE);
        Checks.number("min_abs_woe", minAbsWoe, 0, Double.MAX_VALUE);
    }

    public static ImportanceSettings defaults() {
        return new ImportanceSettings(0.02, 0.1);
    }
}
