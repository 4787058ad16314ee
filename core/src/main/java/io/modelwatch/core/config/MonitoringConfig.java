package io.modelwatch.core.config;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftTest;
import io.modelwatch.core.drift.StatTestRegistry;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a run needs to know, read from {@code monitoring.yaml} (see docs/configuration.md), from
 * the built-in default churn schema, or inferred from the reference data.
 *
 * @param modelId                  model identifier used in reports and events
 * @param roles                    role columns
 * @param features                 monitored feature columns, in report order
 * @param segments                 segment definitions
 * @param drift                    drift settings
 * @param quality                  data-quality settings
 * @param alertRules               alert rules over the run's metrics
 * @param classificationThreshold  probability at and above which the class is 1, when the class column is absent
 * @param segmentMinChurners       a segment's recall rule applies only with at least this many actual churners
 * @param importance               which features the importance rules watch
 * @param anomaly                  the detector of anomalies in each metric's history
 * @param labels                   when a cohort's labels count as arrived
 * @param notifications            where the model's alerts go (left out: the deployment's settings)
 * @param noiseBands               the no-change band under the alert rules
 */
public record MonitoringConfig(String modelId, ColumnRoles roles, List<FeatureSpec> features,
                               List<SegmentSpec> segments, DriftSettings drift, QualitySettings quality,
                               List<AlertRuleSpec> alertRules, double classificationThreshold,
                               int segmentMinChurners, ImportanceSettings importance, AnomalySettings anomaly,
                               LabelSettings labels, NotificationSettings notifications,
                               NoiseBandSettings noiseBands) {

    /** A configuration with the default no-change bands. */
    public MonitoringConfig(String modelId, ColumnRoles roles, List<FeatureSpec> features, List<SegmentSpec> segments,
                            DriftSettings drift, QualitySettings quality, List<AlertRuleSpec> alertRules,
                            double classificationThreshold, int segmentMinChurners, ImportanceSettings importance,
                            AnomalySettings anomaly, LabelSettings labels, NotificationSettings notifications) {
        this(modelId, roles, features, segments, drift, quality, alertRules, classificationThreshold, segmentMinChurners,
                importance, anomaly, labels, notifications, NoiseBandSettings.defaults());
    }

    /** A configuration with the default importance settings. */
    public MonitoringConfig(String modelId, ColumnRoles roles, List<FeatureSpec> features, List<SegmentSpec> segments,
                            DriftSettings drift, QualitySettings quality, List<AlertRuleSpec> alertRules,
                            double classificationThreshold, int segmentMinChurners) {
        this(modelId, roles, features, segments, drift, quality, alertRules, classificationThreshold,
                segmentMinChurners, ImportanceSettings.defaults(), AnomalySettings.defaults(), LabelSettings.defaults(),
                NotificationSettings.defaults());
    }

    /**
     * Checks what no section can check alone: feature, segment and rule names are used once, a feature is not a
     * role column, a segment's column is a feature (banded when numeric), a rule's scope names something there is.
     */
    public MonitoringConfig {
        Checks.name("model_id", modelId);
        Checks.number("classification_threshold", classificationThreshold, 0, 1);
        Checks.whole("segment_min_churners", segmentMinChurners, 0, Integer.MAX_VALUE);
        Checks.required("roles", roles);
        Checks.required("drift", drift);
        Checks.required("quality", quality);
        features = List.copyOf(Checks.required("features", features));
        segments = segments == null ? List.of() : List.copyOf(segments);
        alertRules = alertRules == null ? List.of() : List.copyOf(alertRules);
        importance = importance == null ? ImportanceSettings.defaults() : importance;
        anomaly = anomaly == null ? AnomalySettings.defaults() : anomaly;
        labels = labels == null ? LabelSettings.defaults() : labels;
        notifications = notifications == null ? NotificationSettings.defaults() : notifications;
        noiseBands = noiseBands == null ? NoiseBandSettings.defaults() : noiseBands;
        checkFeatures(features, roles);
        checkDriftMethod(drift.method(), features, roles);
        checkSegments(segments, features);
        checkRules(alertRules, roles, features, segments);
    }

    private static void checkFeatures(List<FeatureSpec> features, ColumnRoles roles) {
        if (features.isEmpty()) {
            throw ConfigException.invalid("features", "at least one feature", "an empty list");
        }
        Checks.unique("features", features, FeatureSpec::name, "a feature name");
        for (int i = 0; i < features.size(); i++) {
            if (roles.columns().contains(features.get(i).name())) {
                throw ConfigException.invalid("features[" + i + "].name", "a column that is not a role column",
                        "'" + features.get(i).name() + "'");
            }
        }
    }

    /**
     * Refuses a {@code drift.method} that a column it applies to would refuse when the run tests it (the test's own
     * declaration, {@link DriftTest#accepts}): every feature without a {@code drift_test} of its own, of its configured
     * kind, and the role columns the drift section tests, the probability (numeric) and the predicted class and target
     * (categorical, as Evidently treats a classification's labels). So only {@code auto} or a test of both kinds can
     * be every column's method.
     */
    private static void checkDriftMethod(String method, List<FeatureSpec> features, ColumnRoles roles) {
        if (DriftSettings.AUTO.equals(method)) {
            return;
        }
        Map<String, ColumnKind> tested = new LinkedHashMap<>();
        Map<String, String> what = new LinkedHashMap<>();
        for (FeatureSpec f : features) {
            if (f.driftTest() == null) {
                tested.put(f.name(), f.kind());
                what.put(f.name(), "feature");
            }
        }
        tested.put(roles.probability(), ColumnKind.NUMERIC);
        what.put(roles.probability(), "probability column");
        tested.put(roles.predictedClass(), ColumnKind.CATEGORICAL);
        what.put(roles.predictedClass(), "predicted class column");
        tested.put(roles.target(), ColumnKind.CATEGORICAL);
        what.put(roles.target(), "target column");
        StatTestRegistry registry = StatTestRegistry.defaults();
        DriftTest test = registry.get(method);
        tested.forEach((column, kind) -> {
            if (!test.accepts(kind)) {
                List<String> fitting = registry.all().stream()
                        .filter(t -> tested.values().stream().allMatch(t::accepts)).map(DriftTest::name).toList();
                String kindName = kind.name().toLowerCase(Locale.ROOT);
                throw ConfigException.invalid("drift.method", "a test for every column it applies to: auto or one of "
                        + fitting + " ('" + method + "' does not accept " + kindName + " columns, and the "
                        + what.get(column) + " '" + column + "' is " + kindName + ")", "'" + method + "'");
            }
        });
    }

    private static void checkSegments(List<SegmentSpec> segments, List<FeatureSpec> features) {
        Checks.unique("segments", segments, SegmentSpec::name, "a segment name");
        for (int i = 0; i < segments.size(); i++) {
            SegmentSpec s = segments.get(i);
            String at = "segments[" + i + "]";
            FeatureSpec feature = features.stream().filter(f -> f.name().equals(s.column())).findFirst()
                    .orElseThrow(() -> ConfigException.invalid(at + ".column", "one of the features "
                            + features.stream().map(FeatureSpec::name).toList(), "'" + s.column() + "'"));
            if (s.isBanded() && !feature.isNumeric()) {
                throw ConfigException.invalid(at + ".bands", "bands only on a numeric feature; '" + s.column()
                        + "' is categorical (leave bands out)", s.bands().toString());
            }
            if (!s.isBanded() && feature.isNumeric()) {
                throw ConfigException.invalid(at + ".bands", "band edges for the numeric feature '" + s.column() + "'",
                        "nothing");
            }
        }
    }

    private static void checkRules(List<AlertRuleSpec> rules, ColumnRoles roles, List<FeatureSpec> features,
                                   List<SegmentSpec> segments) {
        Checks.unique("alert_rules", rules, AlertRuleSpec::name, "a rule name");
        Set<String> scopes = scopeNames(roles, features, segments);
        for (int i = 0; i < rules.size(); i++) {
            if (!scopes.contains(rules.get(i).scope())) {
                throw ConfigException.invalid("alert_rules[" + i + "].scope",
                        "any, features, dataset, or a feature, role column or segment name",
                        "'" + rules.get(i).scope() + "'");
            }
        }
    }

    /** What a rule's scope may name: a {@link RuleScope} keyword, a role column, a feature or a segment dimension. */
    public static Set<String> scopeNames(ColumnRoles roles, List<FeatureSpec> features, List<SegmentSpec> segments) {
        Set<String> scopes = new LinkedHashSet<>(RuleScope.keys());
        scopes.addAll(roles.columns());
        features.forEach(f -> scopes.add(f.name()));
        segments.forEach(s -> scopes.add(s.name()));
        return scopes;
    }

    /** The same configuration for another model id (a registration names its model). */
    public MonitoringConfig withModelId(String id) {
        return new MonitoringConfig(id, roles, features, segments, drift, quality, alertRules, classificationThreshold,
                segmentMinChurners, importance, anomaly, labels, notifications, noiseBands);
    }

    /** The band half-width of a rule: its own {@code band_sigma}, else {@code noise_bands.sigma}. */
    public double bandSigma(AlertRuleSpec rule) {
        return rule.bandSigma() != null ? rule.bandSigma() : noiseBands.sigma();
    }

    public Optional<FeatureSpec> feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public List<String> featureNames() {
        return features.stream().map(FeatureSpec::name).toList();
    }
}
