package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import io.modelwatch.core.drift.DriftTestException;
import io.modelwatch.core.drift.NumericSample;

import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Evidently's {@code empirical_mmd} ({@code mmd_stattest.py}): a permutation test on the maximum mean
 * discrepancy with an RBF kernel. Drift when {@code p < threshold} (default 0.1).
 *
 * <ul>
 *   <li>Squared distances are computed as Evidently does, by the expansion
 *   {@code d(a, b) = b² − 2ab + a²} (not {@code (a − b)²}).</li>
 *   <li>{@code σ = sqrt(0.5 · median)}, the median of all n² reference×reference squared distances
 *   (the zero diagonal included) with {@code np.percentile(..., 50, method='nearest')}; σ = sqrt(0.5)
 *   when that median is 0. The kernel is {@code K(a, b) = exp(−d(a, b) / (2σ²))}, with its diagonal
 *   zeroed.</li>
 *   <li>{@code MMD = ΣK_xx/(n(n−1)) + ΣK_yy/(m(m−1)) − 2·mean(K_xy)} (reference x of size n, current y
 *   of size m).</li>
 *   <li>p = the share of {@value #PERMUTATIONS} random relabellings of the pooled sample whose MMD is
 *   {@code >=} the observed one.</li>
 * </ul>
 *
 * <p><b>Reproducibility.</b> Evidently draws the permutations from numpy's unseeded global RNG, so its
 * p-value is not reproducible. Here they come from {@link SplittableRandom} seeded with {@link #DEFAULT_SEED}
 * (0) unless {@link #withSeed(long)} says otherwise, so a run is deterministic but the p-value only agrees
 * with Evidently's (or the golden RandomState(0) values) to about ±0.1.
 *
 * <p><b>Cost.</b> The kernel matrix is O((n+m)²). Above {@value #MAX_POOLED_SIZE} pooled observations both
 * samples are subsampled without replacement, proportionally to their sizes, with the same seeded RNG
 * (Evidently would build the full matrix; the golden generator did not compute those cases). The
 * statistic is then an estimate on the subsample. The observed statistic is computed in double
 * precision; the permutations use a float copy of the upper kernel triangle (≤ 32 MB) and are compared with
 * the observed value recomputed from that same copy.
 * Reference values: {@code golden/stattests.json} ({@code empirical_mmd}); statistic from numpy 1.24.2.
 */
public final class EmpiricalMmdDriftTest extends NumericDriftTest {

    public static final String NAME = "empirical_mmd";

    /** Number of permutations (Evidently's). */
    public static final int PERMUTATIONS = 100;

    /** Seed of the permutation and subsampling RNG unless {@link #withSeed(long)} is used. */
    public static final long DEFAULT_SEED = 0L;

    /** Pooled size above which both samples are subsampled (so the cost stays bounded). */
    public static final int MAX_POOLED_SIZE = 4000;

    private final long seed;

    private static final DriftTestSpec SPEC = new DriftTestSpec(NAME,
            Set.of(ColumnKind.NUMERIC), 0.1, DriftDirection.P_VALUE_BELOW);
    private EmpiricalMmdDriftTest(long seed) {
        super(SPEC);
        this.seed = seed;
    }

    public static EmpiricalMmdDriftTest withDefaults() {
        return new EmpiricalMmdDriftTest(DEFAULT_SEED);
    }

    /** The same test drawing its permutations and subsamples from this seed. */
    public EmpiricalMmdDriftTest withSeed(long newSeed) {
        return new EmpiricalMmdDriftTest(newSeed);
    }

    public long seed() {
        return seed;
    }

    @Override
    DriftScore score(NumericSample ref, NumericSample cur) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = ref.values();
        double[] y = cur.values();
        int total = x.length + y.length;
        if (total > MAX_POOLED_SIZE) {
            int keepX = (int) Math.max(2, Math.round((double) MAX_POOLED_SIZE * x.length / total));
            int keepY = Math.max(2, MAX_POOLED_SIZE - keepX);
            x = subsample(x, Math.min(keepX, x.length), rng);
            y = subsample(y, Math.min(keepY, y.length), rng);
        }
        int n = x.length;
        int m = y.length;
        if (n < 2 || m < 2) {
            throw new DriftTestException(NAME + ": needs at least two observations per sample, got "
                    + n + " and " + m);
        }
        double gamma = 1.0 / (2 * sigmaSquared(x));
        double[] pooled = new double[n + m];
        System.arraycopy(x, 0, pooled, 0, n);
        System.arraycopy(y, 0, pooled, n, m);

        double mmd = observedStatistic(x, y, gamma);
        MmdKernelTriangle kernel = new MmdKernelTriangle(pooled, gamma);
        boolean[] isX = new boolean[n + m];
        for (int i = 0; i < n; i++) {
            isX[i] = true;
        }
        double observedInTriangle = kernel.statistic(isX, n, m);
        int[] order = new int[n + m];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int atLeast = 0;
        for (int r = 0; r < PERMUTATIONS; r++) {
            shuffle(order, rng);
            for (int i = 0; i < order.length; i++) {
                isX[order[i]] = i < n;
            }
            if (kernel.statistic(isX, n, m) >= observedInTriangle) {
                atLeast++;
            }
        }
        double p = (double) atLeast / PERMUTATIONS;
        return DriftScore.pValue(mmd, p);
    }

    /**
     * σ² = 0.5 · (nearest-rank median of the n² squared distances), or 0.5 when that is 0. The n² values
     * are n zeros plus every unordered pair twice, so the median is found among the pairwise gaps of the
     * sorted sample by a binary search on the value (O(n log n), no n² array).
     */
    static double sigmaSquared(double[] x) {
        int n = x.length;
        double[] s = x.clone();
        Arrays.sort(s);
        long count = (long) n * n;
        long rank = (long) Math.rint(0.5 * (count - 1)); // np.around: half to even
        double median;
        if (rank < n) {
            median = 0;
        } else {
            long pairRank = (rank - n) / 2 + 1; // the pairRank-th smallest gap (1-based)
            double gap = kthSmallestGap(s, pairRank);
            median = gap * gap;
        }
        return median == 0 ? 0.5 : 0.5 * median;
    }

    /** The k-th smallest (1-based) of the gaps s[j] − s[i], i &lt; j, of a sorted array. */
    private static double kthSmallestGap(double[] s, long k) {
        // binary search over the ordered bit patterns of non-negative doubles
        long lo = 0;
        long hi = Double.doubleToLongBits(s[s.length - 1] - s[0]);
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (countGapsAtMost(s, Double.longBitsToDouble(mid)) >= k) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return Double.longBitsToDouble(lo);
    }

    private static long countGapsAtMost(double[] s, double v) {
        long count = 0;
        int i = 0;
        for (int j = 1; j < s.length; j++) {
            while (s[j] - s[i] > v) {
                i++;
            }
            count += j - i;
        }
        return count;
    }

    /** The MMD in double precision, straight from the samples (O((n+m)²) kernel evaluations). */
    private static double observedStatistic(double[] x, double[] y, double gamma) {
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                if (i != j) {
                    sxx += Math.exp(-gamma * MmdKernelTriangle.squaredDistance(x[i], x[j]));
                }
            }
        }
        double syy = 0;
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y.length; j++) {
                if (i != j) {
                    syy += Math.exp(-gamma * MmdKernelTriangle.squaredDistance(y[i], y[j]));
                }
            }
        }
        double sxy = 0;
        for (double a : x) {
            for (double b : y) {
                sxy += Math.exp(-gamma * MmdKernelTriangle.squaredDistance(a, b));
            }
        }
        double n = x.length;
        double m = y.length;
        return sxx / (n * (n - 1)) + syy / (m * (m - 1)) - 2.0 * (sxy / (n * m));
    }

    private static double[] subsample(double[] v, int keep, SplittableRandom rng) {
        double[] copy = v.clone();
        for (int i = 0; i < keep; i++) {
            int j = i + rng.nextInt(copy.length - i);
            double t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        return Arrays.copyOf(copy, keep);
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
