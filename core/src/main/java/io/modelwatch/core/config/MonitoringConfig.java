package io.modelwatch.core.config;

import java.util.List;
import java.util.Optional;

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

    public MonitoringConfig {
        importance = importance == null ? ImportanceSettings.defaults() : importance;
        anomaly = anomaly == null ? AnomalySettings.defaults() : anomaly;
        labels = labels == null ? LabelSettings.defaults() : labels;
        notifications = notifications == null ? NotificationSettings.defaults() : notifications;
        noiseBands = noiseBands == null ? NoiseBandSettings.defaults() : noiseBands;
        features = List.copyOf(features);
        segments = List.copyOf(segments);
        alertRules = List.copyOf(alertRules);
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
