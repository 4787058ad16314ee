package io.modelwatch.support.testing;

import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.events.TraceContext;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.result.RunInfo;
import io.modelwatch.support.messaging.EventCodec;

import java.util.List;

/** The three section events the drift, performance and ingest services would publish for a stored run. */
public final class ComputedSections {

    private ComputedSections() {
    }

    public static List<MetricsComputed> of(StoredRun run, MonitoringPipeline pipeline, EventCodec codec) {
        RunInfo info = run.event().runInfo();
        long refRows = run.reference().rowCount();
        long curRows = run.current().rowCount();
        String trace = TraceContext.newTraceparent();
        return List.of(
                MetricsComputed.of(MetricsComputed.DRIFT, info, refRows, curRows,
                        codec.tree(pipeline.drift(run.profile(), run.current())), 0, trace),
                MetricsComputed.of(MetricsComputed.PERFORMANCE, info, refRows, curRows,
                        codec.tree(pipeline.performance(run.profile(), run.current())), 0, trace),
                MetricsComputed.of(MetricsComputed.QUALITY, info, refRows, curRows,
                        codec.tree(pipeline.quality(run.current())), 0, trace));
    }
}
