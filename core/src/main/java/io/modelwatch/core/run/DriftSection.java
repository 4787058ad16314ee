package io.modelwatch.core.run;

import java.util.List;

/**
 * What {@code drift-service} computes: per-column drift tests and the alerting PSI of every feature and
 * of the predicted probability.
 */
public record DriftSection(DatasetDrift drift, List<PsiValue> psi) {

    public DriftSection {
        psi = List.copyOf(psi);
    }
}
