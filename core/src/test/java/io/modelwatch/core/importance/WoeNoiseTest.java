package io.modelwatch.core.importance;

import io.modelwatch.core.metrics.NoChangeBand;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WoeNoiseTest {

    /** A categorical feature of five values whose churn rate rises with the value (a weak-to-moderate predictor). */
    static final double[] SHARE = {0.30, 0.25, 0.20, 0.15, 0.10};
    static final double[] CHURN = {0.12, 0.16, 0.20, 0.26, 0.30};
    static final double SMOOTHING = WoeIv.withDefaults().smoothing();

    /** Rows of the population: a category per row and its label. */
    static WoeIvResult draw(Random random, int rows) {
        String[] x = new String[rows];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            double u = random.nextDouble();
            int k = 0;
            for (double acc = SHARE[0]; u > acc && k < SHARE.length - 1; acc += SHARE[++k]) {
                // walk to the category of u
            }
            x[i] = "c" + k;
            y[i] = random.nextDouble() < CHURN[k] ? 1 : 0;
        }
        return WoeIv.categorical(x, y);
    }

    /**
     * The IV-change band against a simulation that never uses it: 400 pairs of a 10,000-row reference and a
     * 2,000-row batch drawn from one population, each pair's iv_change_pct computed by WoeIv. The band comes from
     * one reference draw (plug-in), so it is checked loosely: its standard error within 30 % of the simulated
     * spread, its expected value within a third of a standard error of the simulated mean.
     */
    @Test
    void ivChangeBandMatchesTheSimulatedSpreadOfIvChangeUnderNoChange() {
        Random random = new Random(7);
        int pairs = 400;
        double[] change = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            WoeIvResult ref = draw(random, 10_000);
            WoeIvResult cur = draw(random, 2_000);
            change[p] = WoeIv.ivChangePercent(ref, cur);
        }
        double mean = Arrays.stream(change).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(change).map(v -> (v - mean) * (v - mean)).sum() / (pairs - 1));

        WoeIvResult reference = draw(new Random(99), 10_000);
        WoeNoise noise = WoeNoise.reference(reference, SMOOTHING, 400, 11);
        long events = Math.round(2_000 * 0.1920);          // the population churn rate Σ share·churn = 0.192
        NoChangeBand band = noise.ivChange("x", reference, events, 2_000 - events, SMOOTHING);
        assertThat(band.standardError()).isCloseTo(sd, within(0.30 * sd));
        assertThat(band.expected()).isCloseTo(mean, within(sd / 3));
        assertThat(band.method()).isEqualTo(NoChangeBand.BOOTSTRAP);
    }

    @Test
    void theBandIsTheSameEveryTimeForTheSameCounts() {
        WoeIvResult reference = draw(new Random(5), 5_000);
        WoeNoise a = WoeNoise.reference(reference, SMOOTHING, 200, 3);
        WoeNoise b = WoeNoise.reference(reference, SMOOTHING, 200, 3);
        assertThat(a).isEqualTo(b);
        assertThat(a.ivChange("x", reference, 300, 1700, SMOOTHING)).isEqualTo(b.ivChange("x", reference, 300, 1700, SMOOTHING));
    }

    /**
     * The sign-flip band against simulation: the mean number of flips (bins with reference |WoE| ≥ 0.1 whose batch
     * WoE is ≤ −0.1 on the other side) over 1,000 small batches, within 40 % of the band's expected value or 0.02
     * (the normal approximation per bin is rough in the far tail that flips live in).
     */
    @Test
    void signFlipBandMatchesTheSimulatedFlipRate() {
        Random random = new Random(13);
        WoeIvResult reference = draw(random, 3_000);
        int reps = 1000;
        double flips = 0;
        long events = 0;
        for (int r = 0; r < reps; r++) {
            WoeIvResult ref = draw(random, 3_000);
            WoeIvResult cur = draw(random, 300);
            events += cur.totalEvents();
            flips += WoeIv.signFlips(ref, cur).stream()
                    .filter(f -> Math.abs(f.referenceWoe()) >= 0.1 && Math.abs(f.currentWoe()) >= 0.1).count();
        }
        double simulated = flips / reps;
        long e = Math.round((double) events / reps);
        NoChangeBand band = WoeNoise.signFlips("x", reference, e, 300 - e, SMOOTHING, 0.1);
        assertThat(band.expected()).isCloseTo(simulated, within(Math.max(0.4 * simulated, 0.02)));
        assertThat(band.standardError()).isPositive();
    }

    @Test
    void aSingleBinTableHasNoFlipsAndAnIvOfZeroHasNoBand() {
        WoeIvResult oneBin = WoeIv.categorical(new String[] {"a", "a", "a", "a"}, new int[] {0, 1, 0, 0});
        NoChangeBand flips = WoeNoise.signFlips("x", oneBin, 100, 300, SMOOTHING, 0.0);
        assertThat(flips.expected()).isZero();
        assertThat(flips.standardError()).isZero();
        assertThat(WoeNoise.reference(oneBin, SMOOTHING, 10, 1).ivChange("x", oneBin, 100, 300, SMOOTHING)).isNull();
    }

    @Test
    void binomialDrawsHaveTheBinomialMeanAndVariance() {
        SplittableRandom random = new SplittableRandom(1);
        for (long[] np : new long[][] {{50, 10}, {100_000, 25}}) {
            long n = np[0];
            double p = np[1] / 100.0;
            int reps = 20_000;
            double sum = 0;
            double sumSq = 0;
            for (int r = 0; r < reps; r++) {
                long x = WoeNoise.binomial(n, p, random);
                assertThat(x).isBetween(0L, n);
                sum += x;
                sumSq += (double) x * x;
            }
            double mean = sum / reps;
            double variance = sumSq / reps - mean * mean;
            assertThat(mean).as("mean of Bin(%d, %s)", n, p).isCloseTo(n * p, within(4 * Math.sqrt(n * p * (1 - p) / reps)));
            assertThat(variance).as("variance of Bin(%d, %s)", n, p).isCloseTo(n * p * (1 - p), within(0.05 * n * p * (1 - p)));
        }
    }
}
