package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import io.modelwatch.core.drift.NumericSample;
import org.apache.commons.statistics.distribution.NormalDistribution;

import java.util.Set;

/**
 * Evidently's {@code mannw} ({@code mann_whitney_urank_stattest.py}):
 * {@code scipy.stats.mannwhitneyu(x=ref, y=cur, alternative='less')} (scipy 1.10, {@code method='auto'},
 * {@code use_continuity=True}). Drift when {@code p < threshold} (default 0.05).
 *
 * <p>With midranks {@code r} of the pooled sample, {@code U1 = Σ r_ref − n1(n1+1)/2} (the reported
 * statistic) and {@code U2 = n1 n2 − U1}.
 * <ul>
 *   <li><b>Evidently's alternative, {@code 'less'} (the default here):</b> {@code p = P(U >= U2)}. It is
 *   one-sided: it flags drift only when the current sample is stochastically <i>larger</i> than the
 *   reference; a downward shift gives p ≈ 1 and no drift.</li>
 *   <li><b>{@link #twoSided()}:</b> {@code p = min(1, 2 P(U >= max(U1, U2)))}, which detects a shift in
 *   either direction. This is our fix of Evidently's flaw; it is not Evidently-compatible.</li>
 * </ul>
 * <b>Method:</b> exact when {@code min(n1, n2) <= 8} and there are no ties (the null distribution of U
 * counted with the Gaussian-binomial recurrence, O(min(n)^2 · max(n))); otherwise the normal approximation
 * <pre>  z = (U − n1 n2/2 − 0.5) / sqrt(n1 n2/12 · ((n+1) − Σ(t^3 − t)/(n(n−1))))</pre>
 * with the tie correction over tie-group sizes t, and {@code p = Φ̄(z)}. A constant pooled sample gives a
 * zero variance, z = −∞ and p = 1. Ranks come from one O(n) walk over the cached sorted samples.
 * Reference values: {@code golden/stattests.json} ({@code mannw}), scipy 1.10.1.
 */
public final class MannWhitneyDriftTest extends NumericDriftTest {

    public static final String NAME = "mannw";

    /** scipy 1.10 uses the exact distribution only when the smaller sample has at most this many values. */
    public static final int MAX_EXACT_MIN_SIZE = 8;

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private static final DriftTestSpec SPEC = new DriftTestSpec(NAME,
            Set.of(ColumnKind.NUMERIC), 0.05, DriftDirection.P_VALUE_BELOW);
    private static final MannWhitneyDriftTest EVIDENTLY = new MannWhitneyDriftTest(false);
    private static final MannWhitneyDriftTest TWO_SIDED = new MannWhitneyDriftTest(true);

    private final boolean twoSided;

    private MannWhitneyDriftTest(boolean twoSided) {
        super(SPEC);
        this.twoSided = twoSided;
    }

    /** Evidently's behaviour: one-sided, {@code alternative='less'}. */
    public static MannWhitneyDriftTest withDefaults() {
        return EVIDENTLY;
    }

    /**
     * The same test with the two-sided alternative: drift in either direction is detected. Evidently's
     * one-sided choice misses a current sample shifted downwards; this is the corrected variant. It keeps
     * the name {@value #NAME}, so it replaces, not joins, the default in a registry.
     */
    public MannWhitneyDriftTest twoSided() {
        return TWO_SIDED;
    }

    /** True for the corrected two-sided variant. */
    public boolean isTwoSided() {
        return twoSided;
    }

    @Override
    DriftScore score(NumericSample ref, NumericSample cur) {
        int n1 = ref.count();
        int n2 = cur.count();
        double n = (double) n1 + n2;

        // One walk over the tie groups: rank sum of the reference and the tie term Σ(t^3 − t).
        double rankSumRef = 0;
        double tieTerm = 0;
        boolean ties = false;
        long below = 0;
        TieGroups g = new TieGroups(ref.runs(), cur.runs());
        while (g.next()) {
            long t = (long) g.countA() + g.countB();
            double midrank = below + (t + 1) / 2.0;
            rankSumRef += g.countA() * midrank;
            if (t > 1) {
                ties = true;
                tieTerm += (double) t * t * t - t;
            }
            below += t;
        }
        double u1 = rankSumRef - n1 * (n1 + 1.0) / 2;
        double u2 = (double) n1 * n2 - u1;
        double u = twoSided ? Math.max(u1, u2) : u2;
        double factor = twoSided ? 2 : 1;

        double p;
        if (Math.min(n1, n2) <= MAX_EXACT_MIN_SIZE && !ties) {
            p = exactSurvival((long) u, n1, n2);
        } else {
            double mu = n1 * (double) n2 / 2;
            double s = Math.sqrt(n1 * (double) n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1))));
            double z = (u - mu - 0.5) / s;
            p = STANDARD_NORMAL.survivalProbability(z);
        }
        p = Math.min(1.0, Math.max(0.0, p * factor));
        return DriftScore.pValue(u1, p);
    }

    /**
     * {@code P(U >= k)} under the null for sample sizes m and n without ties. The frequencies of U are
     * the coefficients of the Gaussian binomial {@code [m+n choose m]_q}, built by multiplying the
     * factors {@code (1 − q^(n+i)) / (1 − q^i)}, i = 1..min(m,n). The smaller tail is summed (U is
     * symmetric about mn/2) so small p-values keep their relative precision.
     */
    static double exactSurvival(long k, int m, int n) {
        int small = Math.min(m, n);
        int large = Math.max(m, n);
        int maxU = small * large;
        if (k <= 0) {
            return 1.0;
        }
        if (k > maxU) {
            return 0.0;
        }
        // the product (1 − q^(large+i)) briefly raises the degree by i above its final value
        double[] f = new double[maxU + small + 1];
        f[0] = 1;
        int degree = 0;
        for (int i = 1; i <= small; i++) {
            // multiply by (1 − q^(large+i)): subtract shifted copy, high to low
            int shift = large + i;
            for (int d = degree + shift; d >= shift; d--) {
                f[d] -= f[d - shift];
            }
            degree += shift;
            // divide by (1 − q^i): running sum with stride i, low to high
            for (int d = i; d <= degree; d++) {
                f[d] += f[d - i];
            }
            degree -= i;
        }
        double total = 0;
        for (int d = 0; d <= maxU; d++) {
            total += f[d];
        }
        // P(U >= k) = P(U <= maxU − k) by symmetry; sum whichever tail is shorter.
        long complement = maxU - k;
        double tail = 0;
        if (complement < k) {
            for (int d = 0; d <= complement; d++) {
                tail += f[d];
            }
            return tail / total;
        }
        for (long d = k; d <= maxU; d++) {
            tail += f[(int) d];
        }
        return tail / total;
    }
}
