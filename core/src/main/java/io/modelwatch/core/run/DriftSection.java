package io.modelwatch.core.run;

import java.util.List;

/**
 * What {@code drift-service} computes: per-column drift tests and the alerting PSI of every feature and
 * of the predicted probability, and the drift of every feature inside every segment ({@link SegmentDriftAccumulator}).
 */
public record DriftSection(DatasetDrift drift, List<PsiValue> psi, List<SegmentFeatureDrift> segmentDrift) {

    public DriftSection {
        psi = List.copyOf(psi);
        segmentDrift = segmentDrift == null ? List.of() : List.copyOf(segmentDrift);
    }

    /** The whole-batch part alone (no drift within segments). */
    public DriftSection(DatasetDrift drift, List<PsiValue> psi) {
        this(drift, psi, List.of());
    }

    /** The same section with the drift within segments. */
    public DriftSection withSegmentDrift(List<SegmentFeatureDrift> segments) {
        return new DriftSection(drift, psi, segments);
    }
}
