package io.modelwatch.core.run;

import io.modelwatch.core.alerts.NoChangeBand;

import java.util.List;

/**
 * What {@code drift-service} computes: per-column drift tests and the alerting PSI of every feature and
 * of the predicted probability.
 */
public record DriftSection(DatasetDrift drift, List<PsiValue> psi, List<NoChangeBand> bands) {

    /** A section without no-change bands. */
    public DriftSection(DatasetDrift drift, List<PsiValue> psi) {
        this(drift, psi, List.of());
    }

    /** {@code bands}: the no-change band of each PSI (absent in an event of an earlier version: none). */
    public DriftSection {
        psi = List.copyOf(psi);
        bands = bands == null ? List.of() : List.copyOf(bands);
    }
}
