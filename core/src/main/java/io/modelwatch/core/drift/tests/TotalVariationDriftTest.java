package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import io.modelwatch.core.drift.DriftResult;
import io.modelwatch.core.drift.DriftTest;
import io.modelwatch.core.drift.Sample;

import java.util.Set;

/** Evidently's {@code TVD}: NOT YET IMPLEMENTED (placeholder that fails loudly). */
public final class TotalVariationDriftTest implements DriftTest {

    public static final String NAME = "TVD";

    private TotalVariationDriftTest() {
    }

    public static TotalVariationDriftTest withDefaults() {
        return new TotalVariationDriftTest();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ColumnKind> supportedKinds() {
        return Set.of(ColumnKind.CATEGORICAL);
    }

    @Override
    public double defaultThreshold() {
        return 0.1;
    }

    @Override
    public DriftDirection direction() {
        return DriftDirection.P_VALUE_BELOW;
    }

    @Override
    public DriftResult test(Sample reference, Sample current, double threshold) {
        throw new UnsupportedOperationException(NAME + " is not implemented yet");
    }
}
