package io.modelwatch.support.compute;

import io.modelwatch.core.anomaly.MetricHistory;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.quality.QualityReport;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.result.PerformanceSection;
import io.modelwatch.core.result.RunInfo;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.support.messaging.EventCodec;
import io.modelwatch.support.repository.RunHistory;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Puts a run's sections back together with the core's {@code assemble}, with the pipeline of the run's reference
 * version (its model's configuration: rules, thresholds, anomaly settings), so the alerts and the report are the
 * ones the CLI derives from the same sections (the metric rows and alert rules are the core's).
 * The model's earlier runs assembled by this service ({@link RunHistory}) are the history its anomaly detector
 * compares the run with, as the CLI's {@code --history} file is; the assembled run is added to that history.
 */
@ApplicationScoped
public class RunAssembly {

    private final ModelPipelines pipelines;
    private final EventCodec codec;
    private final RunHistory history;

    public RunAssembly(ModelPipelines pipelines, EventCodec codec, RunHistory history) {
        this.pipelines = pipelines;
        this.codec = codec;
        this.history = history;
    }

    /**
     * Assembles the run against the model's last runs (the longer of the anomaly and isolation-forest windows) and
     * stores its metric rows as history, in the caller's transaction (a redelivered run replaces its rows).
     *
     * @param sections every kind of {@link MetricsComputed#ALL_KINDS}, by kind
     */
    public RunResult assemble(Map<String, MetricsComputed> sections) {
        MetricsComputed drift = sections.get(MetricsComputed.DRIFT);
        MetricsComputed performance = sections.get(MetricsComputed.PERFORMANCE);
        MetricsComputed quality = sections.get(MetricsComputed.QUALITY);
        RunInfo info = drift.run();
        MonitoringPipeline pipeline = pipelines.forReference(info.referenceId());
        long durationMs = info.startedAt() == null ? 0 : Duration.between(info.startedAt(), Instant.now()).toMillis();
        MetricHistory earlier = history.before(info, pipeline.config().anomaly().historyRuns());
        RunResult result = pipeline.assemble(info, drift.referenceRows(), drift.currentRows(),
                codec.fromTree(drift.section(), DriftSection.class),
                codec.fromTree(performance.section(), PerformanceSection.class),
                codec.fromTree(quality.section(), QualityReport.class),
                durationMs, earlier);
        history.record(info, result.metrics());
        return result;
    }
}
