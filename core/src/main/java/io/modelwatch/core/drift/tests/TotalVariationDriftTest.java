package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import org.apache.commons.statistics.distribution.HypergeometricDistribution;

import java.util.Set;
import java.util.SplittableRandom;

/**
 * Evidently's {@code TVD} ({@code legacy/calculations/stattests/tvd_stattest.py}): the total variation
 * distance with a permutation p-value.
 * <pre>
 * TVD = 0.5 · Σ_k | ref_count_k / n_ref − cur_count_k / n_cur |
 * p   = (1 / B) · #{ b : TVD_b >= TVD }      B = iterations (1000)
 * </pre>
 * where {@code TVD_b} is the distance after pooling both samples and drawing a new reference of size
 * {@code n_ref} without replacement (the rest is the new current). The score is the <b>p-value</b>;
 * drift when {@code p < threshold} (default 0.1).
 *
 * <h2>Permutation on counts</h2>
 * The distance depends only on counts, so instead of shuffling rows (Evidently's
 * {@code np.random.choice(pooled, n_ref, replace=False)}, O(n) per iteration) a permutation draws the new
 * reference counts from the multivariate hypergeometric distribution, as sequential univariate draws: for
 * category {@code k}, {@code x_k ~ Hypergeometric(population = rows left, successes = pooled_k,
 * draws = reference rows left)}. This is the same distribution of permuted counts. Each univariate draw
 * is an inversion that starts at the mode, with {@code P(mode)} from Commons Statistics'
 * {@link HypergeometricDistribution} and neighbouring probabilities by the exact pmf ratio
 * {@code P(x+1)/P(x) = (K−x)(n−x) / ((x+1)(N−K−n+x+1))}; it visits O(sd) support points on average.
 * <b>Cost</b>: O(iterations · Σ_k (1 + sd_k)) ≤ O(iterations · (K + sqrt(K · n))) arithmetic operations,
 * independent of the row count otherwise: about 10 ms for 2 × 1M rows and 5 categories. The pooled row
 * count must fit in an {@code int} (Commons' hypergeometric distribution).
 *
 * <h2>Reproducibility</h2>
 * Evidently seeds numpy's legacy MT19937 with {@code np.random.seed(0)}; this port uses
 * {@link SplittableRandom} (SplitMix64) seeded with {@link #DEFAULT_SEED}, so the p-value is deterministic
 * but not numpy's: it agrees with the golden values within the Monte-Carlo error (±0.03 at 1000
 * iterations); the statistic is exact.
 *
 * <p>Reference values: {@code golden/stattests.json → TVD} (16 cases, numpy 1.24.2 via make_golden.py).
 */
public final class TotalVariationDriftTest extends CountsDriftTest {

    public static final String NAME = "TVD";
    /** Evidently's default threshold. */
    public static final double DEFAULT_THRESHOLD = 0.1;
    /** Evidently's number of permutations. */
    public static final int DEFAULT_ITERATIONS = 1000;
    /** Seed of the permutation RNG (Evidently uses {@code np.random.seed(0)}). */
    public static final long DEFAULT_SEED = 0L;

    /** Categorical columns, and numeric ones as one category per distinct value (as chisquare and z). */
    private static final DriftTestSpec SPEC = new DriftTestSpec(NAME,
            Set.of(ColumnKind.CATEGORICAL, ColumnKind.NUMERIC), DEFAULT_THRESHOLD, DriftDirection.P_VALUE_BELOW);
    private static final TotalVariationDriftTest DEFAULT =
            new TotalVariationDriftTest(DEFAULT_ITERATIONS, DEFAULT_SEED);

    private final int iterations;
    private final long seed;

    private TotalVariationDriftTest(int iterations, long seed) {
        super(SPEC);
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
        this.iterations = iterations;
        this.seed = seed;
    }

    /** Evidently's settings: 1000 permutations, seed 0. */
    public static TotalVariationDriftTest withDefaults() {
        return DEFAULT;
    }

    /** A test with this number of permutations and this RNG seed. */
    public static TotalVariationDriftTest of(int iterations, long seed) {
        return new TotalVariationDriftTest(iterations, seed);
    }

    /** A copy with another number of permutations. */
    public TotalVariationDriftTest withIterations(int newIterations) {
        return new TotalVariationDriftTest(newIterations, seed);
    }

    /** A copy with another RNG seed. */
    public TotalVariationDriftTest withSeed(long newSeed) {
        return new TotalVariationDriftTest(iterations, newSeed);
    }

    public int iterations() {
        return iterations;
    }

    public long seed() {
        return seed;
    }

    @Override
    DriftScore score(CategoryCounts counts) {
        long[] ref = counts.reference();
        long[] cur = counts.current();
        double observed = distance(ref, cur);
        double p = permutationPValue(ref, cur, observed);
        return DriftScore.pValue(observed, p);
    }

    /** {@code 0.5 · Σ |r_k / Σ r − c_k / Σ c|}. */
    public static double distance(long[] referenceCounts, long[] currentCounts) {
        if (referenceCounts.length != currentCounts.length) {
            throw new IllegalArgumentException("count vectors differ in length: " + referenceCounts.length
                    + " vs " + currentCounts.length);
        }
        double refTotal = 0;
        double curTotal = 0;
        for (int k = 0; k < referenceCounts.length; k++) {
            refTotal += referenceCounts[k];
            curTotal += currentCounts[k];
        }
        double sum = 0;
        for (int k = 0; k < referenceCounts.length; k++) {
            sum += Math.abs(referenceCounts[k] / refTotal - currentCounts[k] / curTotal);
        }
        return 0.5 * sum;
    }

    private double permutationPValue(long[] ref, long[] cur, double observed) {
        int categories = ref.length;
        long[] pooled = new long[categories];
        long total = 0;
        long refSize = 0;
        for (int k = 0; k < categories; k++) {
            pooled[k] = ref[k] + cur[k];
            total += pooled[k];
            refSize += ref[k];
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("TVD permutation supports at most " + Integer.MAX_VALUE
                    + " pooled rows, got " + total);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        long[] newRef = new long[categories];
        long[] newCur = new long[categories];
        int atLeastObserved = 0;
        for (int b = 0; b < iterations; b++) {
            long populationLeft = total;
            long drawsLeft = refSize;
            for (int k = 0; k < categories; k++) {
                long x;
                if (drawsLeft == 0) {
                    x = 0;
                } else if (pooled[k] == populationLeft) {
                    x = drawsLeft;
                } else {
                    x = drawHypergeometric(rng, (int) populationLeft, (int) pooled[k], (int) drawsLeft);
                }
                newRef[k] = x;
                newCur[k] = pooled[k] - x;
                populationLeft -= pooled[k];
                drawsLeft -= x;
            }
            if (distance(newRef, newCur) >= observed) {
                atLeastObserved++;
            }
        }
        return (double) atLeastObserved / iterations;
    }

    /**
     * One draw of the number of successes in {@code draws} draws without replacement from a population of
     * {@code population} holding {@code successes} successes: inversion of the cdf taken in the order
     * mode, mode+1, mode−1, mode+2, ... (any fixed order of the support gives an exact sampler).
     */
    static int drawHypergeometric(SplittableRandom rng, int population, int successes, int draws) {
        int lower = Math.max(0, draws - (population - successes));
        int upper = Math.min(draws, successes);
        if (lower == upper) {
            return lower;
        }
        int mode = (int) Math.min(upper, Math.max(lower,
                (long) ((double) ((long) draws + 1) * ((long) successes + 1) / ((long) population + 2))));
        double pMode = HypergeometricDistribution.of(population, successes, draws).probability(mode);
        double u = rng.nextDouble() - pMode;
        if (u < 0) {
            return mode;
        }
        // failures left after all successes are drawn: N − K − n
        double rest = (double) population - successes - draws;
        int up = mode;
        int down = mode;
        double pUp = pMode;
        double pDown = pMode;
        while (up < upper || down > lower) {
            if (up < upper) {
                pUp *= ((double) (successes - up) * (draws - up)) / ((double) (up + 1) * (rest + up + 1));
                up++;
                u -= pUp;
                if (u < 0) {
                    return up;
                }
            }
            if (down > lower) {
                pDown *= ((double) down * (rest + down)) / ((double) (successes - down + 1) * (draws - down + 1));
                down--;
                u -= pDown;
                if (u < 0) {
                    return down;
                }
            }
            if (pUp == 0 && pDown == 0) {
                break;
            }
        }
        // only reachable when rounding leaves u a few ulps above the total mass
        return mode;
    }
}
