package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import io.modelwatch.core.drift.NumericSample;

import java.util.Set;

/**
 * Evidently's {@code ed} ({@code energy_distance.py}): {@code scipy.stats.energy_distance(ref, cur)},
 * <pre>  ed = sqrt(2 E|X−Y| − E|X−X'| − E|Y−Y'|) = sqrt(2) · sqrt(∫ (F_ref(x) − F_cur(x))^2 dx)</pre>
 * computed, as scipy does, from the two empirical CDFs in O(n log n) (the sorts, cached on the
 * samples) instead of the O(n^2) pairwise form. Not normalised: it carries the unit of the data.
 * Drift when {@code ed > threshold} (strict; default 0.1).
 * Reference values: {@code golden/stattests.json} ({@code ed}), scipy 1.10.1.
 */
public final class EnergyDistanceDriftTest extends NumericDriftTest {

    public static final String NAME = "ed";

    private static final double SQRT2 = Math.sqrt(2);

    private static final DriftTestSpec SPEC = new DriftTestSpec(NAME,
            Set.of(ColumnKind.NUMERIC), 0.1, DriftDirection.SCORE_ABOVE);
    private static final EnergyDistanceDriftTest DEFAULT = new EnergyDistanceDriftTest();

    private EnergyDistanceDriftTest() {
        super(SPEC);
    }

    public static EnergyDistanceDriftTest withDefaults() {
        return DEFAULT;
    }

    @Override
    DriftScore score(NumericSample ref, NumericSample cur) {
        double ed = SQRT2 * EcdfDistance.l2(ref.runs(), cur.runs());
        return DriftScore.distance(ed);
    }
}
