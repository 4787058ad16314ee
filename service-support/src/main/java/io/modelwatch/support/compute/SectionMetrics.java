package io.modelwatch.support.compute;

import io.modelwatch.core.run.DriftSection;
import io.modelwatch.core.run.MetricRow;
import io.modelwatch.core.run.PerformanceSection;
import io.modelwatch.core.run.QualitySection;

import java.util.List;

/** The flat metric rows of one section, as the core derives them for the whole run. */
public final class SectionMetrics {

    private SectionMetrics() {
    }

    public static List<MetricRow> of(DriftSection drift) {
        return List.of(); // TODO core API
    }

    public static List<MetricRow> of(PerformanceSection performance) {
        return List.of();
    }

    public static List<MetricRow> of(QualitySection quality) {
        return List.of();
    }
}
