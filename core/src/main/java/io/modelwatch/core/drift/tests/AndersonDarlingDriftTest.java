package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.SortedRuns;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import io.modelwatch.core.drift.DriftTestException;
import io.modelwatch.core.drift.NumericSample;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;

import java.util.Set;

/**
 * Evidently's {@code anderson} ({@code anderson_darling_stattest.py}):
 * {@code scipy.stats.anderson_ksamp([ref, cur])} with {@code midrank=True} (scipy 1.10), for k = 2 samples.
 * The drift score is scipy's {@code significance_level}. Drift when {@code p < threshold} (default 0.1).
 *
 * <p><b>Statistic</b> (Scholz &amp; Stephens 1987, eq. 7, midrank version): over the distinct pooled
 * values z_j with multiplicity l_j, {@code B_j = #(pooled < z_j) + l_j/2}, and per sample i
 * {@code M_ij = #(sample_i <= z_j) − f_ij/2} (f_ij its multiplicity in sample i),
 * <pre>
 *   A²_akN = (N−1)/N · Σ_i 1/n_i Σ_j l_j/N · (N M_ij − B_j n_i)² / (B_j (N − B_j) − N l_j/4)
 * </pre>
 * standardised as {@code A2 = (A²_akN − (k−1)) / σ_N} with Scholz–Stephens' exact variance σ_N² (built from
 * the harmonic sums h and g). The reported statistic is A2.
 *
 * <p><b>Significance level:</b> the critical values of Scholz–Stephens' Table 2,
 * {@code c = b0 + b1/sqrt(k−1) + b2/(k−1)} at levels 0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001;
 * {@code log(level)} is fitted by a least-squares quadratic in c ({@code np.polyfit(c, log(sig), 2)}) and
 * evaluated at A2. Outside the table the level is <b>capped</b>: 0.25 when A2 is below the smallest
 * critical value, 0.001 above the largest. Many results are therefore exactly 0.001 or 0.25.
 *
 * <p>A pooled sample with a single distinct value is a {@link DriftTestException} (scipy raises
 * {@code ValueError} and Evidently lets it propagate). O(n) on the cached sorted samples.
 * Reference values: {@code golden/stattests.json} ({@code anderson}), scipy 1.10.1.
 */
public final class AndersonDarlingDriftTest extends NumericDriftTest {

    public static final String NAME = "anderson";

    /** The significance levels of scipy's critical-value table. */
    static final double[] SIGNIFICANCE = {0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};
    private static final double[] B0 = {0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
    private static final double[] B1 = {-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
    private static final double[] B2 = {-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};

    /** Number of samples compared (reference and current). */
    private static final int K = 2;

    private static final DriftTestSpec SPEC = new DriftTestSpec(NAME,
            Set.of(ColumnKind.NUMERIC), 0.1, DriftDirection.P_VALUE_BELOW);
    private static final AndersonDarlingDriftTest DEFAULT = new AndersonDarlingDriftTest();

    private AndersonDarlingDriftTest() {
        super(SPEC);
    }

    public static AndersonDarlingDriftTest withDefaults() {
        return DEFAULT;
    }

    @Override
    DriftScore score(NumericSample ref, NumericSample cur) {
        SortedRuns x = ref.runs();
        SortedRuns y = cur.runs();
        int n1 = x.total();
        int n2 = y.total();
        double n = (double) n1 + n2;
        if (x.distinct() == 1 && y.distinct() == 1 && x.values()[0] == y.values()[0]) {
            throw new DriftTestException(NAME + ": anderson_ksamp needs more than one distinct observation"
                    + " (every value is " + x.values()[0] + ")");
        }

        double sum1 = 0;
        double sum2 = 0;
        long below = 0;
        TieGroups g = new TieGroups(x, y);
        while (g.next()) {
            int l = g.countA() + g.countB();
            double bj = below + l / 2.0;
            double denominator = bj * (n - bj) - n * l / 4.0;
            double m1 = g.cumulativeA() - g.countA() / 2.0;
            double m2 = g.cumulativeB() - g.countB() / 2.0;
            double d1 = n * m1 - bj * n1;
            double d2 = n * m2 - bj * n2;
            sum1 += l / n * d1 * d1 / denominator;
            sum2 += l / n * d2 * d2 / denominator;
            below += l;
        }
        double a2akn = (sum1 / n1 + sum2 / n2) * (n - 1) / n;
        double a2 = standardise(a2akn, n1, n2);
        double p = significanceLevel(a2);
        return DriftScore.pValue(a2, p);
    }

    /** {@code (A²_akN − (k−1)) / σ_N} with Scholz–Stephens' variance (their eq. 4), k = 2. */
    private static double standardise(double a2akn, int n1, int n2) {
        int nTotal = n1 + n2;
        double n = nTotal;
        double hSmall = 1.0 / n1 + 1.0 / n2; // scipy's H
        // hs_cs[j] = Σ_{i=N-1 down to N-1-j} 1/i, j = 0..N-3 (scipy sums from the large end)
        double cumulative = 0;
        double g = 0;
        int index = 0;
        for (int i = nTotal - 1; i > 1; i--) {
            cumulative += 1.0 / i;
            g += cumulative / (index + 2);
            index++;
        }
        double h = cumulative + 1;
        double k = K;
        double a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * hSmall;
        double b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * hSmall - 8 * h + 4 * g - 6;
        double c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * hSmall + 4 * h;
        double d = (2 * h + 6) * k * k - 4 * h * k;
        double sigmaSquared = (a * n * n * n + b * n * n + c * n + d) / ((n - 1) * (n - 2) * (n - 3));
        return (a2akn - (k - 1)) / Math.sqrt(sigmaSquared);
    }

    /** scipy's interpolated and capped significance level for k = 2. */
    static double significanceLevel(double a2) {
        double m = K - 1;
        double[] critical = new double[SIGNIFICANCE.length];
        for (int i = 0; i < critical.length; i++) {
            critical[i] = B0[i] + B1[i] / Math.sqrt(m) + B2[i] / m;
        }
        double min = critical[0];
        double max = critical[critical.length - 1];
        if (a2 < min) {
            return SIGNIFICANCE[0];
        }
        if (a2 > max) {
            return SIGNIFICANCE[SIGNIFICANCE.length - 1];
        }
        // least-squares quadratic log(sig) ≈ c2 c² + c1 c + c0 (QR, as numpy's lstsq-based polyfit)
        double[][] design = new double[critical.length][3];
        double[] logSig = new double[critical.length];
        for (int i = 0; i < critical.length; i++) {
            design[i][0] = critical[i] * critical[i];
            design[i][1] = critical[i];
            design[i][2] = 1;
            logSig[i] = Math.log(SIGNIFICANCE[i]);
        }
        RealVector coef = new QRDecomposition(new Array2DRowRealMatrix(design, false)).getSolver()
                .solve(new ArrayRealVector(logSig, false));
        return Math.exp((coef.getEntry(0) * a2 + coef.getEntry(1)) * a2 + coef.getEntry(2));
    }
}
