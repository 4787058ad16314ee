package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.SortedRuns;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import io.modelwatch.core.drift.NumericSample;

import java.util.Set;

/**
 * Evidently's {@code wasserstein} ({@code wasserstein_distance_norm.py}): the normalised Wasserstein-1
 * distance
 * <pre>  wd = W1(ref, cur) / max(std(ref), {@value #MIN_NORM})</pre>
 * where {@code W1 = ∫ |F_ref(x) − F_cur(x)| dx} is {@code scipy.stats.wasserstein_distance} (the area
 * between the two empirical CDFs) and {@code std} is the population standard deviation
 * ({@code np.std}, ddof = 0). A constant reference is normalised by {@value #MIN_NORM}.
 * Drift when {@code wd >= threshold} (default 0.1). O(n log n) (the sorts, cached on the samples).
 * Reference values: {@code golden/stattests.json} ({@code wasserstein}), scipy 1.10.1 / numpy 1.24.2.
 */
public final class WassersteinDriftTest extends NumericDriftTest {

    public static final String NAME = "wasserstein";

    /** Evidently's floor on the normalising standard deviation. */
    public static final double MIN_NORM = 0.001;

    private static final DriftTestSpec SPEC = new DriftTestSpec(NAME,
            Set.of(ColumnKind.NUMERIC), 0.1, DriftDirection.SCORE_AT_OR_ABOVE);
    private static final WassersteinDriftTest DEFAULT = new WassersteinDriftTest();

    private WassersteinDriftTest() {
        super(SPEC);
    }

    public static WassersteinDriftTest withDefaults() {
        return DEFAULT;
    }

    @Override
    DriftScore score(NumericSample ref, NumericSample cur) {
        SortedRuns r = ref.runs();
        double std = Math.sqrt(r.sumSquaredDeviations(r.mean()) / r.total());
        double wd = EcdfDistance.l1(r, cur.runs()) / Math.max(std, MIN_NORM);
        return DriftScore.distance(wd);
    }
}
