package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import io.modelwatch.core.drift.DriftResult;
import io.modelwatch.core.drift.DriftTest;
import io.modelwatch.core.drift.Sample;

import java.util.Set;

/** Evidently's {@code psi}: NOT YET IMPLEMENTED (placeholder that fails loudly). */
public final class PsiDriftTest implements DriftTest {

    public static final String NAME = "psi";

    private PsiDriftTest() {
    }

    public static PsiDriftTest withDefaults() {
        return new PsiDriftTest();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ColumnKind> supportedKinds() {
        return Set.of(ColumnKind.NUMERIC, ColumnKind.CATEGORICAL);
    }

    @Override
    public double defaultThreshold() {
        return 0.1;
    }

    @Override
    public DriftDirection direction() {
        return DriftDirection.SCORE_AT_OR_ABOVE;
    }

    @Override
    public DriftResult test(Sample reference, Sample current, double threshold) {
        throw new UnsupportedOperationException(NAME + " is not implemented yet");
    }
}
