package io.modelwatch.support.config;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.alerts.Severity;
import io.modelwatch.core.events.AlertRaised;
import io.modelwatch.core.events.BatchReady;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.run.DriftSection;
import io.modelwatch.core.run.MetricRow;
import io.modelwatch.core.run.PerformanceSection;
import io.modelwatch.core.run.QualitySection;
import io.modelwatch.core.run.RunInfo;
import io.modelwatch.core.run.RunResult;
import io.modelwatch.support.domain.PublishedEvent;
import io.modelwatch.support.status.ServiceStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Core records that Jackson reads and writes in the services: registered so a native image keeps their
 * constructors and accessors (core itself carries no Quarkus annotation).
 */
@RegisterForReflection(targets = {
        BatchReady.class, MetricsComputed.class, AlertRaised.class, RunInfo.class, RunResult.class,
        DriftSection.class, PerformanceSection.class, QualitySection.class, MetricRow.class, Alert.class,
        Severity.class, PublishedEvent.class, ServiceStatus.StatusView.class, ServiceStatus.LastEvent.class,
        ServiceStatus.LastFailure.class})
public final class ReflectionRegistrations {

    private ReflectionRegistrations() {
    }
}
