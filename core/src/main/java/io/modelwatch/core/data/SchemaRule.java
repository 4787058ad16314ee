package io.modelwatch.core.data;

import io.modelwatch.core.config.ConfigException;
import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.config.MonitoringConfig;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one rule that decides a model's configuration, used by every path: {@code monitor run} on a reference CSV,
 * {@code monitor profile}, a run on a stored profile, and {@code POST /references} in the services.
 *
 * <ol>
 *   <li>An explicit configuration wins ({@code --config}, or the {@code config} of a registration).</li>
 *   <li>Otherwise the configuration is inferred from the reference with {@link SchemaInference}, starting from a
 *       base (the built-in churn configuration in the CLI, the deployment's {@code monitoring.yaml} in the
 *       services): roles, settings and rules come from the base, the features from the reference.</li>
 *   <li>The configuration so decided is stored in the reference profile; a run on a stored profile uses it. An
 *       explicit configuration given with a stored profile wins if it agrees with what the profile froze (see
 *       {@link #forStoredProfile}); otherwise it is refused, never silently mixed.</li>
 * </ol>
 */
public final class SchemaRule {

    private SchemaRule() {
    }

    /**
     * How to read the reference: with the explicit configuration's types, or, to infer, with only the role columns
     * typed (every other column typed from its content).
     *
     * @param explicit the explicit configuration, or {@code null}
     * @param base     the base of inference (its roles)
     */
    public static TableSchema referenceSchema(MonitoringConfig explicit, MonitoringConfig base) {
        return explicit != null ? TableSchema.forConfig(explicit) : TableSchema.forRoles(base.roles());
    }

    /**
     * The model's configuration: {@code explicit} when given, else inferred from the reference (read with
     * {@link #referenceSchema}) on top of {@code base}.
     */
    public static MonitoringConfig resolve(MonitoringConfig explicit, MonitoringConfig base, ColumnBatch reference) {
        return explicit != null ? explicit : SchemaInference.infer(reference, base);
    }

    /**
     * The configuration of a run on a stored profile: the profile's own, or {@code explicit} when given and it
     * agrees with everything the profile computed from it: the role columns, the features (names and kinds), the
     * segments, the PSI bin count and the classification threshold. Ranges, allowed values, null budgets, drift
     * tests and thresholds, quality severities, alert rules, anomaly, label and notification settings are read at
     * run time and may differ.
     *
     * @param stored         the configuration stored in the profile
     * @param explicit       the explicit configuration, or {@code null}
     * @param explicitSource where the explicit configuration came from (for the error)
     * @throws ConfigException naming every difference when they do not agree
     */
    public static MonitoringConfig forStoredProfile(MonitoringConfig stored, MonitoringConfig explicit,
                                                    String explicitSource) {
        if (explicit == null) {
            return stored;
        }
        List<String> differences = differences(stored, explicit);
        if (!differences.isEmpty()) {
            throw new ConfigException(explicitSource + " does not match the configuration the reference profile was "
                    + "computed with: " + String.join("; ", differences) + ". Profile the reference again with this "
                    + "configuration (monitor profile --config, or register it again), or run without it");
        }
        return explicit;
    }

    /** What differs between a profile's configuration and another in the parts the profile froze. */
    static List<String> differences(MonitoringConfig profile, MonitoringConfig other) {
        List<String> out = new ArrayList<>();
        if (!profile.roles().equals(other.roles())) {
            out.add("roles differ (profile " + profile.roles() + ", given " + other.roles() + ")");
        }
        Set<String> profileOnly = new LinkedHashSet<>(profile.featureNames());
        profileOnly.removeAll(other.featureNames());
        Set<String> otherOnly = new LinkedHashSet<>(other.featureNames());
        otherOnly.removeAll(profile.featureNames());
        if (!profileOnly.isEmpty() || !otherOnly.isEmpty()) {
            out.add("features differ (only in the profile: " + profileOnly + "; only in the given configuration: "
                    + otherOnly + ")");
        }
        for (FeatureSpec f : other.features()) {
            profile.feature(f.name()).filter(p -> p.kind() != f.kind()).ifPresent(p -> out.add("feature '" + f.name()
                    + "' is " + kindName(p) + " in the profile, " + kindName(f) + " in the given configuration"));
        }
        if (!profile.segments().equals(other.segments())) {
            out.add("segments differ (profile " + profile.segments() + ", given " + other.segments() + ")");
        }
        if (profile.drift().psiBins() != other.drift().psiBins()) {
            out.add("drift.psi_bins differs (profile " + profile.drift().psiBins() + ", given "
                    + other.drift().psiBins() + ")");
        }
        if (Double.compare(profile.classificationThreshold(), other.classificationThreshold()) != 0) {
            out.add("classification_threshold differs (profile " + profile.classificationThreshold() + ", given "
                    + other.classificationThreshold() + ")");
        }
        return out;
    }

    private static String kindName(FeatureSpec f) {
        return f.isNumeric() ? "numeric" : "categorical";
    }
}
