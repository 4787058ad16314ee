package io.modelwatch.core.config;

/**
 * The no-change band under every alert rule ({@code noise_bands} in {@code monitoring.yaml}): a rule fires only when
 * its threshold is crossed and the value lies outside {@code expected ± sigma · standard error} of the metric under
 * no change at the batch's size (see docs/metrics.md, "No-change bands").
 *
 * @param sigma                the band's half-width in standard errors, for rules without their own
 *                             {@code band_sigma}; 0 switches the bands off (thresholds alone)
 * @param bootstrapReplicates  replicates of the parametric bootstrap of the IV change (per side)
 * @param seed                 the bootstrap's base seed (stored with the reference profile's noise part)
 */
public record NoiseBandSettings(double sigma, int bootstrapReplicates, long seed) {

    public static final double DEFAULT_SIGMA = 3.0;

    public NoiseBandSettings {
        Checks.number("sigma", sigma, 0, 100);
        Checks.whole("bootstrap_replicates", bootstrapReplicates, 2, 100_000);
    }

    public static NoiseBandSettings defaults() {
        return new NoiseBandSettings(DEFAULT_SIGMA, 200, 20261207L);
    }
}
