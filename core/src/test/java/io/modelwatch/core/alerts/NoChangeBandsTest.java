package io.modelwatch.core.alerts;

import io.modelwatch.core.metrics.NoChangeBand;
import io.modelwatch.core.metrics.NoChangeBands;

import io.modelwatch.core.stability.PsiBins;
import io.modelwatch.core.stability.StabilityIndex;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NoChangeBandsTest {

    @Test
    void psiBandIsTheChiSquaredLawScaledByBothSampleSizes() {
        // 10 bins, n = 1,000, N = 10,000: (1/n + 1/N) = 0.0011; mean 9 × 0.0011, SD sqrt(18) × 0.0011 (by hand)
        NoChangeBand b = NoChangeBands.psi("psi", "psi", "x", null, 10, 1000, 10_000);
        assertThat(b.expected()).isCloseTo(0.0099, within(1e-15));
        assertThat(b.standardError()).isCloseTo(0.004666904755831214, within(1e-15));
        assertThat(b.method()).isEqualTo(NoChangeBand.PSI_CHI_SQUARED);
        assertThat(NoChangeBands.psi("psi", "psi", "x", null, 1, 1000, 10_000)).isNull();
    }

    /**
     * The PSI law checked by simulation, independently of the formula: reference and current drawn from one
     * continuous distribution, PSI on the reference's deciles, 2,000 repetitions. Tolerance: 5 % on the mean and
     * 10 % on the standard deviation (the simulation's own error is about 1.5 % and 3 %).
     */
    @Test
    void psiBandMatchesTheSpreadOfSimulatedPsiUnderNoDrift() {
        int n = 2000;
        int refN = 8000;
        int reps = 2000;
        Random random = new Random(42);
        StabilityIndex index = StabilityIndex.of(1e-4);
        double[] psi = new double[reps];
        for (int r = 0; r < reps; r++) {
            double[] ref = random.doubles(refN).toArray();
            double[] cur = random.doubles(n).toArray();
            Arrays.sort(ref);
            psi[r] = index.psi(PsiBins.numeric(ref, 10), cur).value();
        }
        double mean = Arrays.stream(psi).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(psi).map(v -> (v - mean) * (v - mean)).sum() / (reps - 1));
        NoChangeBand b = NoChangeBands.psi("psi", "psi", "x", null, 10, n, refN);
        assertThat(mean).isCloseTo(b.expected(), within(0.05 * b.expected()));
        assertThat(sd).isCloseTo(b.standardError(), within(0.10 * b.standardError()));
    }

    @Test
    void proportionAndDifferenceUseTheTwoSampleBinomialStandardError() {
        // p = 0.8, n = 400, N = 1,600: sqrt(0.16 × (1/400 + 1/1600)) = sqrt(0.0005) (by hand)
        NoChangeBand recall = NoChangeBands.proportion("performance", "recall", null, null, 0.8, 400, 1600);
        assertThat(recall.expected()).isEqualTo(0.8);
        assertThat(recall.standardError()).isCloseTo(0.022360679774997897, within(1e-15));
        NoChangeBand change = NoChangeBands.difference("concept", "churn_rate_change", null, null, 0.8, 400, 1600);
        assertThat(change.expected()).isZero();
        assertThat(change.standardError()).isEqualTo(recall.standardError());
        assertThat(NoChangeBands.proportion("performance", "recall", null, null, null, 400, 1600)).isNull();
        assertThat(NoChangeBands.difference("segment", "recall_drop", null, "s=a", 0.8, 0, 1600)).isNull();
    }

    @Test
    void chunkBandScalesTheChunkSpreadToTheBatchAndAddsTheReferenceNoise() {
        // σ_c = 0.04 on chunks of 500; m = 2,000, N = 10,000: 0.04 × sqrt(500 × (1/2000 + 1/10000)) = 0.04 × sqrt(0.3)
        NoChangeBand b = NoChangeBands.chunks("estimated_performance", "recall", 0.83, 0.04, 500, 2000, 10_000);
        assertThat(b.expected()).isEqualTo(0.83);
        assertThat(b.standardError()).isCloseTo(0.021908902300206645, within(1e-15));
        assertThat(b.method()).isEqualTo(NoChangeBand.REFERENCE_CHUNKS);
    }

    @Test
    void outsideIsStrictlyBeyondSigmaStandardErrors() {
        // binary-exact values: the edge 0.5 + 3 × 0.125 = 0.875 is inside
        NoChangeBand b = new NoChangeBand("psi", "psi", "x", null, 0.5, 0.125, NoChangeBand.PSI_CHI_SQUARED);
        assertThat(b.outside(0.875, 3)).isFalse();
        assertThat(b.outside(0.125, 3)).isFalse();
        assertThat(b.outside(0.876, 3)).isTrue();
        assertThat(b.outside(0.124, 3)).isTrue();
        // a count (step 1): half a step more; 0.5 + 3 × 0.125 + 0.5 = 1.375 is inside
        NoChangeBand count = new NoChangeBand("importance", "woe_sign_flips", "x", null, 0.5, 0.125,
                NoChangeBand.LOG_ODDS, 1);
        assertThat(count.outside(1.375, 3)).isFalse();
        assertThat(count.outside(1.376, 3)).isTrue();
    }
}
