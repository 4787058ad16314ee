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
 * Evidently's {@code wasserstein} ({@code wasserstein_distance_norm.py}): the normalised Wasserstein-1
 * distance
 * <pre>  wd = W1(ref, cur) / max(std(ref), {@value #MIN_NORM})</pre>
 * where {@code W1 = ∫ |F_ref(x) − F_cur(x)| dx} is {@code scipy.stats.wasserstein_distance} (the area
 * between the two empirical CDFs) and {@code std} is the population standard deviation
 * ({@code np.std}, ddof = 0). A constant reference is normalised by {@value #MIN_NORM}.
 * Drift when {@code wd >= threshold} (default 0.1). O(n log n) (the sorts, cached on the samples).
 * Reference values: {@code golden/stattests.json} ({@code wasserstein}), scipy 1.10.1 / numpy 1.24.2.
 */
public final class WassersteinDriftTest implements DriftTest {

    public static final String NAME = "wasserstein";

    /** Evidently's floor on the normalising standard deviation. */
    public static final double MIN_NORM = 0.001;

    private WassersteinDriftTest() {
    }

    public static WassersteinDriftTest withDefaults() {
        return new WassersteinDriftTest();
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
        return DriftDirection.SCORE_AT_OR_ABOVE;
    }

    @Override
    public DriftResult test(Sample reference, Sample current, double threshold) {
        NumericSample ref = NumericInputs.numeric(this, "reference", reference);
        NumericSample cur = NumericInputs.numeric(this, "current", current);
        NumericInputs.threshold(NAME, threshold);
        SortedRuns r = ref.runs();
        double std = Math.sqrt(r.sumSquaredDeviations(r.mean()) / r.total());
        double wd = EcdfDistance.l1(r, cur.runs()) / Math.max(std, MIN_NORM);
        return DriftResult.of(NAME, wd, null, wd, threshold, direction());
    }
}
