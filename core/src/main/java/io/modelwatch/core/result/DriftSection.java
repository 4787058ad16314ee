package io.modelwatch.core.result;

import io.modelwatch.core.metrics.NoChangeBand;

import java.util.List;

/**
 * What {@code drift-service} computes: per-column drift tests and the alerting PSI of every feature and
 * of the predicted probability, and the drift of every feature inside every segment ({@code run.section.SegmentDriftAccumulator}).
 */
public record DriftSection(DatasetDrift drift, List<PsiValue> psi, List<NoChangeBand> bands,
                           List<SegmentFeatureDrift> segmentDrift) {

    /** A section without the drift within segments. */
    public DriftSection(DatasetDrift drift, List<PsiValue> psi, List<NoChangeBand> bands) {
        this(drift, psi, bands, List.of());
    }

    /**
     * {@code bands}: the no-change band of each PSI; {@code segmentDrift}: the drift within segments (either absent in
     * an event of an earlier version: none).
     */
    public DriftSection {
        psi = List.copyOf(psi);
        bands = bands == null ? List.of() : List.copyOf(bands);
        segmentDrift = segmentDrift == null ? List.of() : List.copyOf(segmentDrift);
    }

    /** The same section with the drift within segments. */
    public DriftSection withSegmentDrift(List<SegmentFeatureDrift> segments) {
        return new DriftSection(drift, psi, bands, segments);
    }
}
