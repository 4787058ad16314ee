package io.modelwatch.core.result;

import io.modelwatch.core.metrics.NoChangeBand;

import io.modelwatch.core.performance.ClassificationReport;

import java.util.List;

/**
 * What {@code performance-service} computes.
 *
 * @param performance classification quality of the labelled current rows, {@code null} without labels
 * @param reference   the same metrics on the reference (the baseline), {@code null} without reference labels
 * @param estimated   performance estimated from the probabilities alone (CBPE), {@code null} without reference labels
 * @param concept     churn rate against the baseline
 * @param segments    per-segment quality
 * @param importance  IV / WoE changes per feature (empty without labels)
 * @param bands       the no-change band of each metric that has one (absent in an event of an earlier version:
 *                    none)
 */
public record PerformanceSection(ClassificationReport performance, ClassificationReport reference,
                                 io.modelwatch.core.estimation.EstimatedPerformance estimated, ConceptDrift concept, List<SegmentRow> segments, List<ImportanceRow> importance,
                                 List<NoChangeBand> bands) {

    /** A section without no-change bands. */
    public PerformanceSection(ClassificationReport performance, ClassificationReport reference,
                              io.modelwatch.core.estimation.EstimatedPerformance estimated, ConceptDrift concept,
                              List<SegmentRow> segments, List<ImportanceRow> importance) {
        this(performance, reference, estimated, concept, segments, importance, List.of());
    }

    public PerformanceSection {
        segments = List.copyOf(segments);
        importance = List.copyOf(importance);
        bands = bands == null ? List.of() : List.copyOf(bands);
    }
}
