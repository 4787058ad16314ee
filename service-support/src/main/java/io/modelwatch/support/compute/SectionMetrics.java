package io.modelwatch.support.compute;

import io.modelwatch.core.quality.QualityReport;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.run.MetricRows;
import io.modelwatch.core.result.PerformanceSection;

import java.util.List;

/**
 * The flat metric rows of one section, as the core derives them for the whole run: the rows the three
 * services store add up to exactly the run's {@code metrics} (core {@link MetricRows#of}).
 */
public final class SectionMetrics {

    private SectionMetrics() {
    }

    public static List<MetricRow> of(DriftSection drift) {
        return MetricRows.ofDrift(drift);
    }

    public static List<MetricRow> of(PerformanceSection performance) {
        return MetricRows.ofPerformance(performance);
    }

    public static List<MetricRow> of(QualityReport quality) {
        return MetricRows.ofQuality(quality);
    }
}
