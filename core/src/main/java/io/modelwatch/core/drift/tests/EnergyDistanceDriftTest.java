package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.SortedRuns;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import io.modelwatch.core.drift.DriftResult;
import io.modelwatch.core.drift.DriftTest;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.drift.Sample;

import java.util.Set;

/**
 * Evidently's {@code ed} ({@code energy_distance.py}): {@code scipy.stats.energy_distance(ref, cur)},
 * <pre>  ed = sqrt(2 E|X−Y| − E|X−X'| − E|Y−Y'|) = sqrt(2) · sqrt(∫ (F_ref(x) − F_cur(x))^2 dx)</pre>
 * computed, as scipy does, from the two empirical CDFs in O(n log n) (the sorts, cached on the
 * samples) instead of the O(n^2) pairwise form. Not normalised: it carries the unit of the data.
 * Drift when {@code ed > threshold} (strict; default 0.1).
 * Reference values: {@code golden/stattests.json} ({@code ed}), scipy 1.10.1.
 */
public final class EnergyDistanceDriftTest implements DriftTest {

    public static final String NAME = "ed";

    private static final double SQRT2 = Math.sqrt(2);

    private EnergyDistanceDriftTest() {
    }

    public static EnergyDistanceDriftTest withDefaults() {
        return new EnergyDistanceDriftTest();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ColumnKind> supportedKinds() {
        return Set.of(ColumnKind.NUMERIC);
    }

    @Override
    public double defaultThreshold() {
        return 0.1;
    }

    @Override
    public DriftDirection direction() {
        return DriftDirection.SCORE_ABOVE;
    }

    @Override
    public DriftResult test(Sample reference, Sample current, double threshold) {
        NumericSample ref = NumericInputs.numeric(this, "reference", reference);
        NumericSample cur = NumericInputs.numeric(this, "current", current);
        NumericInputs.threshold(NAME, threshold);
        double ed = SQRT2 * EcdfDistance.l2(ref.runs(), cur.runs());
        return DriftResult.of(NAME, ed, null, ed, threshold, direction());
    }
}
