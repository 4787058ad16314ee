package io.modelwatch.support.config;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.config.AlertRuleSpec;
import io.modelwatch.core.config.AnomalySettings;
import io.modelwatch.core.config.CheckSeverity;
import io.modelwatch.core.config.ColumnRoles;
import io.modelwatch.core.config.Condition;
import io.modelwatch.core.config.DriftSettings;
import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.config.ImportanceSettings;
import io.modelwatch.core.config.IsolationForestSettings;
import io.modelwatch.core.config.LabelSettings;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.config.NoiseBandSettings;
import io.modelwatch.core.config.NotificationSettings;
import io.modelwatch.core.config.QualitySettings;
import io.modelwatch.core.config.SegmentDriftSettings;
import io.modelwatch.core.config.SegmentSpec;
import io.modelwatch.core.config.Severity;
import io.modelwatch.core.events.AlertRaised;
import io.modelwatch.core.events.BatchReady;
import io.modelwatch.core.events.LabelsReady;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.performance.ClassificationReport;
import io.modelwatch.core.performance.ConfusionMatrix;
import io.modelwatch.core.performance.ReliabilityBin;
import io.modelwatch.core.quality.ColumnNullShare;
import io.modelwatch.core.quality.QualityFinding;
import io.modelwatch.core.quality.QualityReport;
import io.modelwatch.core.result.ColumnDrift;
import io.modelwatch.core.result.ConceptDrift;
import io.modelwatch.core.result.DatasetDrift;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.result.ImportanceRow;
import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.result.PerformanceSection;
import io.modelwatch.core.result.PsiValue;
import io.modelwatch.core.result.RunInfo;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.core.result.RunSummary;
import io.modelwatch.core.result.SegmentFeatureDrift;
import io.modelwatch.core.result.SegmentRow;
import io.modelwatch.support.domain.PublishedEvent;
import io.modelwatch.support.status.ServiceStatus;
import io.modelwatch.support.store.BatchStore;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Core records that Jackson reads and writes in the services (events, the sections they carry, the configuration):
 * registered so a native image keeps their constructors and accessors (core carries no Quarkus annotation).
 */
@RegisterForReflection(targets = {
        BatchReady.class, LabelsReady.class, MetricsComputed.class, AlertRaised.class, RunInfo.class, RunResult.class,
        RunSummary.class, RunSummary.Inputs.class,
        DriftSection.class, DatasetDrift.class, ColumnDrift.class, PsiValue.class, SegmentFeatureDrift.class,
        PerformanceSection.class, ClassificationReport.class, ConfusionMatrix.class, ReliabilityBin.class,
        ConceptDrift.class, SegmentRow.class, ImportanceRow.class,
        QualityReport.class, QualityFinding.class, ColumnNullShare.class,
        MetricRow.class, Alert.class, Severity.class, PublishedEvent.class,
        io.modelwatch.core.metrics.NoChangeBand.class, io.modelwatch.core.alerts.AlertEvaluator.HeldBack.class,
        io.modelwatch.core.importance.WoeNoise.class,
        // the configuration records ConfigLoader binds from monitoring.yaml and from a stored profile's configuration
        MonitoringConfig.class, ColumnRoles.class, FeatureSpec.class, SegmentSpec.class, DriftSettings.class,
        SegmentDriftSettings.class, QualitySettings.class, AlertRuleSpec.class, ImportanceSettings.class,
        AnomalySettings.class, IsolationForestSettings.class, LabelSettings.class, NotificationSettings.class,
        NoiseBandSettings.class, CheckSeverity.class, Condition.class,
        BatchStore.ReferenceVersion.class,
        ServiceStatus.StatusView.class, ServiceStatus.LastEvent.class, ServiceStatus.LastFailure.class})
public final class ReflectionRegistrations {

    private ReflectionRegistrations() {
    }
}
