package io.modelwatch.core.run;

import io.modelwatch.core.alerts.Alert;

import java.util.List;

/** Placeholder: the complete result of a run; {@code snapshot.json} is its JSON form. */
public record RunResult(RunInfo run, long durationMs, DriftSection drift, PerformanceSection performance,
                        QualitySection quality, List<Alert> alerts, List<MetricRow> metrics) {
}
