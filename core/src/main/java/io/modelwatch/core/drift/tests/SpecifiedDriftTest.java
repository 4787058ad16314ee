package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import io.modelwatch.core.drift.DriftResult;
import io.modelwatch.core.drift.DriftTest;

import java.util.Set;

/**
 * A drift test whose metadata is its {@link DriftTestSpec}, and whose verdict is built in one place
 * ({@link #result}). The three families below it check their inputs once each: {@link BinnedDriftTest},
 * {@link CountsDriftTest} and {@link NumericDriftTest}; a test states only its formula. What stays alike from
 * test to test is deliberate: each declares its {@code SPEC}, its shared instance and {@code withDefaults()}
 * (public API that callers and golden tests use), a few lines of the same shape.
 */
abstract class SpecifiedDriftTest implements DriftTest {

    private final DriftTestSpec spec;

    SpecifiedDriftTest(DriftTestSpec spec) {
        this.spec = spec;
    }

    @Override
    public final String name() {
        return spec.name();
    }

    @Override
    public final Set<ColumnKind> supportedKinds() {
        return spec.kinds();
    }

    @Override
    public final double defaultThreshold() {
        return spec.defaultThreshold();
    }

    @Override
    public final DriftDirection direction() {
        return spec.direction();
    }

    /** The result of this test: the score compared with the threshold under the test's direction. */
    final DriftResult result(DriftScore score, double threshold) {
        return DriftResult.of(spec.name(), score.statistic(), score.pValue(), score.score(), threshold,
                spec.direction());
    }
}
