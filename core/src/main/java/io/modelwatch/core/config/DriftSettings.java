package io.modelwatch.core.config;

import io.modelwatch.core.drift.StatTestRegistry;

/**
 * Drift settings.
 *
 * @param method           default drift test name, or {@code auto} for Evidently's automatic choice
 * @param threshold        threshold for the default method, or {@code null} for the test's own default
 * @param driftShare       dataset drift when the share of drifted columns is {@code >=} this (Evidently 0.5)
 * @param psiBins          number of quantile bins of the alerting PSI (deciles: 10)
 * @param psiEpsilon       share given to an empty PSI bin before the logarithm (documented epsilon)
 * @param mannWhitneyTwoSided use the corrected two-sided Mann-Whitney instead of Evidently's one-sided "less"
 * @param withinSegments   drift of each feature inside each segment ({@code drift.within_segments}); {@code null}
 *                         for the defaults
 */
public record DriftSettings(String method, Double threshold, double driftShare, int psiBins, double psiEpsilon,
                            boolean mannWhitneyTwoSided, SegmentDriftSettings withinSegments) {

    public static final String AUTO = "auto";

    public DriftSettings {
        java.util.Set<String> tests = StatTestRegistry.defaults().names();
        if (!AUTO.equals(Checks.required("method", method)) && !tests.contains(method)) {
            throw ConfigException.invalid("method", "auto or one of " + tests, "'" + method + "'");
        }
        if (threshold != null && !(threshold >= 0 && Double.isFinite(threshold))) {
            throw ConfigException.invalid("threshold", "a non-negative number or null", String.valueOf(threshold));
        }
        if (Checks.number("drift_share", driftShare, 0, 1) == 0) {
            throw ConfigException.invalid("drift_share", "a share in (0, 1]", "0");
        }
        Checks.whole("psi_bins", psiBins, 2, 1000);
        if (!(psiEpsilon > 0 && psiEpsilon < 1)) {
            throw ConfigException.invalid("psi_epsilon", "a share in (0, 1)", String.valueOf(psiEpsilon));
        }
        withinSegments = withinSegments == null ? SegmentDriftSettings.defaults() : withinSegments;
    }

    public static DriftSettings defaults() {
        return new DriftSettings(AUTO, null, 0.5, 10, 1e-4, false, SegmentDriftSettings.defaults());
    }
}
