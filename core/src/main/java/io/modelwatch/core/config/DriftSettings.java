package io.modelwatch.core.config;

/**
 * Drift settings.
 *
 * @param method           default drift test name, or {@code auto} for Evidently's automatic choice
 * @param threshold        threshold for the default method, or {@code null} for the test's own default
 * @param driftShare       dataset drift when the share of drifted columns is {@code >=} this (Evidently 0.5)
 * @param psiBins          number of quantile bins of the alerting PSI (deciles: 10)
 * @param psiEpsilon       share given to an empty PSI bin before the logarithm (documented epsilon)
 * @param mannWhitneyTwoSided use the corrected two-sided Mann-Whitney instead of Evidently's one-sided "less"
 * @param withinSegments   drift of each feature inside each segment ({@code drift.within_segments})
 */
public record DriftSettings(String method, Double threshold, double driftShare, int psiBins, double psiEpsilon,
                            boolean mannWhitneyTwoSided, SegmentDriftSettings withinSegments) {

    public DriftSettings {
        withinSegments = withinSegments == null ? SegmentDriftSettings.defaults() : withinSegments;
    }

    /** Settings with the default drift-within-segments settings. */
    public DriftSettings(String method, Double threshold, double driftShare, int psiBins, double psiEpsilon,
                         boolean mannWhitneyTwoSided) {
        this(method, threshold, driftShare, psiBins, psiEpsilon, mannWhitneyTwoSided, null);
    }

    public static final String AUTO = "auto";

    public static DriftSettings defaults() {
        return new DriftSettings(AUTO, null, 0.5, 10, 1e-4, false);
    }
}
