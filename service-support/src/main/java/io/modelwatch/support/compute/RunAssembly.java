package io.modelwatch.support.compute;

import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.quality.QualityReport;
import io.modelwatch.core.run.DriftSection;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.run.PerformanceSection;
import io.modelwatch.core.run.RunInfo;
import io.modelwatch.core.run.RunResult;
import io.modelwatch.support.messaging.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Puts a run's sections back together with the core's {@code assemble}, so the alerts and the report are
 * the ones the CLI derives from the same sections (the metric rows and alert rules are the core's).
 */
@ApplicationScoped
public class RunAssembly {

    private final MonitoringPipeline pipeline;
    private final EventCodec codec;

    public RunAssembly(MonitoringPipeline pipeline, EventCodec codec) {
        this.pipeline = pipeline;
        this.codec = codec;
    }

    /** @param sections every kind of {@link MetricsComputed#ALL_KINDS}, by kind */
    public RunResult assemble(Map<String, MetricsComputed> sections) {
        MetricsComputed drift = sections.get(MetricsComputed.DRIFT);
        MetricsComputed performance = sections.get(MetricsComputed.PERFORMANCE);
        MetricsComputed quality = sections.get(MetricsComputed.QUALITY);
        RunInfo info = drift.run();
        long durationMs = info.startedAt() == null ? 0 : Duration.between(info.startedAt(), Instant.now()).toMillis();
        return pipeline.assemble(info, drift.referenceRows(), drift.currentRows(),
                codec.fromTree(drift.section(), DriftSection.class),
                codec.fromTree(performance.section(), PerformanceSection.class),
                codec.fromTree(quality.section(), QualityReport.class),
                durationMs);
    }
}
