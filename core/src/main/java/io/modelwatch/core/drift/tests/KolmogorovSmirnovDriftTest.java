package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.SortedRuns;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import io.modelwatch.core.drift.NumericSample;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.PValueMethod;

import java.util.Set;

/**
 * Evidently's {@code ks}: {@code scipy.stats.ks_2samp(reference, current)}, two-sided, {@code method='auto'}
 * (scipy 1.10). Drift when {@code p <= threshold} (default 0.05).
 *
 * <p><b>Statistic.</b> {@code D = max_x |F_ref(x) - F_cur(x)|} over every pooled value, with the ECDFs
 * right-continuous ({@code searchsorted(side='right')}), so tied values are stepped over together.
 *
 * <p><b>p-value.</b> {@code 'auto'} is exact when {@code max(n1, n2) <= 10000}
 * ({@value #MAX_EXACT_SIZE}), asymptotic otherwise:
 * <ul>
 *   <li>exact: with {@code g = gcd(n1, n2)}, {@code lcm = n1 n2 / g} and {@code h = round(D lcm)}, the
 *   probability that a random lattice path from (0,0) to (n1,n2) leaves the band
 *   {@code |i n2/g - j n1/g| < h} (Hodges 1958). Equal sizes use the closed alternating sum
 *   {@code 2 Σ_k (-1)^(k+1) C(2n, n-kh)/C(2n, n)}, evaluated in scipy's Horner form; unequal sizes walk
 *   the band column by column with the normalised recurrence
 *   {@code P(i,j) = (i P(i-1,j) + j P(i,j-1)) / (i+j)}. As in scipy, ties are ignored by the null
 *   distribution (it assumes continuous data), and a non-finite or out-of-range result falls back to
 *   the asymptotic p-value. Cost: O(n) for equal sizes, O(n1 · band) ≤ 10^8 steps otherwise.</li>
 *   <li>asymptotic: {@code kstwo.sf(D, round(n1 n2 / (n1 + n2)))}, the finite-n two-sided Kolmogorov
 *   distribution. It is taken from Commons Statistics, whose implementation follows the same
 *   Simard–L'Ecuyer scheme as scipy's {@code kstwo} (see {@link #kolmogorovSurvival}).</li>
 * </ul>
 * Reference values: {@code golden/stattests.json} ({@code ks}), produced by scipy 1.10.1.
 */
public final class KolmogorovSmirnovDriftTest extends NumericDriftTest {

    public static final String NAME = "ks";

    /** scipy's {@code MAX_AUTO_N}: the largest sample size for which 'auto' uses the exact p-value. */
    public static final int MAX_EXACT_SIZE = 10_000;

    private static final KolmogorovSmirnovTest EXACT_ONE_SAMPLE =
            KolmogorovSmirnovTest.withDefaults().with(PValueMethod.EXACT);

    private static final DriftTestSpec SPEC = new DriftTestSpec(NAME,
            Set.of(ColumnKind.NUMERIC), 0.05, DriftDirection.P_VALUE_AT_OR_BELOW);
    private static final KolmogorovSmirnovDriftTest DEFAULT = new KolmogorovSmirnovDriftTest();

    private KolmogorovSmirnovDriftTest() {
        super(SPEC);
    }

    public static KolmogorovSmirnovDriftTest withDefaults() {
        return DEFAULT;
    }

    @Override
    DriftScore score(NumericSample ref, NumericSample cur) {
        int n1 = ref.count();
        int n2 = cur.count();
        double d = statistic(ref.runs(), cur.runs());
        double p = Math.max(n1, n2) <= MAX_EXACT_SIZE ? exactPValue(n1, n2, d) : Double.NaN;
        if (Double.isNaN(p)) {
            p = asymptoticPValue(n1, n2, d);
        }
        return DriftScore.pValue(d, p);
    }

    /** {@code D}, tie-aware: the ECDFs are compared after each distinct pooled value. */
    static double statistic(SortedRuns sortedRef, SortedRuns sortedCur) {
        double n1 = sortedRef.total();
        double n2 = sortedCur.total();
        double maxPlus = 0;
        double maxMinus = 0;
        TieGroups g = new TieGroups(sortedRef, sortedCur);
        while (g.next()) {
            double diff = g.cumulativeA() / n1 - g.cumulativeB() / n2;
            if (diff > maxPlus) {
                maxPlus = diff;
            } else if (-diff > maxMinus) {
                maxMinus = -diff;
            }
        }
        return Math.max(maxPlus, maxMinus);
    }

    /**
     * scipy's exact two-sided p-value {@code P(D >= d)} under the continuous null, or NaN when it
     * cannot be computed in floating point (scipy then falls back to the asymptotic value).
     */
    static double exactPValue(int n1, int n2, double d) {
        long g = gcd(n1, n2);
        long lcm = (n1 / g) * (long) n2;
        long h = (long) Math.rint(d * lcm); // np.round: half to even
        if (h == 0) {
            return 1.0;
        }
        double p = n1 == n2 ? outsideSquare(n1, h) : outsideBand(n1, n2, g, h);
        return p >= 0 && p <= 1 ? p : Double.NaN;
    }

    /** {@code P(D_{n,n} >= h/n) = 2 Σ_{k>=1} (-1)^(k+1) C(2n, n-kh)/C(2n, n)}, Horner form. */
    private static double outsideSquare(long n, long h) {
        double p = 0;
        for (long k = n / h; k >= 0; k--) {
            double term = 1.0;
            for (long j = 0; j < h; j++) {
                term = (n - k * h - j) * term / (n + k * h + j + 1);
            }
            p = term * (1.0 - p);
        }
        return 2 * p;
    }

    /**
     * 1 − the share of lattice paths from (0,0) to (m,n) (m ≥ n) that stay strictly inside
     * {@code |i·n/g − j·m/g| < h}; one column of the band is kept at a time.
     */
    private static double outsideBand(long size1, long size2, long g, long h) {
        long m = Math.max(size1, size2);
        long n = Math.min(size1, size2);
        long mg = m / g;
        long ng = n / g;
        // column i = 0: P(0, j) = 1 for every j inside the band, i.e. j < h / mg.
        int lo = 0;
        int hi = (int) Math.min(ceilDiv(h, mg), n + 1); // exclusive
        double[] col = new double[(int) n + 1];
        double[] next = new double[(int) n + 1];
        for (int j = lo; j < hi; j++) {
            col[j] = 1.0;
        }
        for (long i = 1; i <= m; i++) {
            int newLo = (int) Math.min(Math.max(Math.floorDiv(ng * i - h, mg) + 1, 0), n);
            int newHi = (int) Math.min(ceilDiv(ng * i + h, mg), n + 1);
            if (newHi <= newLo) {
                return 1.0;
            }
            double below = 0.0; // P(i, newLo - 1): outside the band (or j = -1)
            for (int j = newLo; j < newHi; j++) {
                double left = j >= lo && j < hi ? col[j] : 0.0; // P(i-1, j)
                below = (left * i + below * j) / (i + j);
                next[j] = below;
            }
            double[] t = col;
            col = next;
            next = t;
            lo = newLo;
            hi = newHi;
        }
        return hi == n + 1 ? 1.0 - col[(int) n] : 1.0;
    }

    /** scipy's asymptotic choice: {@code kstwo.sf(D, round(en))} with {@code en = n1 n2 / (n1 + n2)}. */
    static double asymptoticPValue(int n1, int n2, double d) {
        double m = Math.max(n1, n2);
        double n = Math.min(n1, n2);
        double en = m * n / (m + n);
        return kolmogorovSurvival(d, (int) Math.rint(en));
    }

    /**
     * {@code P(D_n >= d)} for the one-sample two-sided Kolmogorov statistic with n observations
     * (scipy's {@code kstwo.sf}). Commons Statistics implements this distribution (Simard &amp; L'Ecuyer
     * 2011: Durbin matrix, Pomeranz, Pelz–Good and the Smirnov tail, with scipy's switch points) but
     * exposes it only through its one-sample test. We therefore hand that test a synthetic sample whose
     * statistic is exactly {@code d}: points {@code 0..n-1} whose "cdf" values are {@code d} for the
     * first point and {@code (i + 0.5)/n} for the others, so every other ECDF gap is {@code 0.5/n}.
     * For {@code d <= 0.5/n}, {@code P = 1} (no sample of size n has a smaller statistic).
     */
    static double kolmogorovSurvival(double d, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("kolmogorov n must be > 0, got " + n);
        }
        if (d * n <= 0.5) {
            return 1.0;
        }
        if (d >= 1) {
            return 0.0;
        }
        double[] points = new double[n];
        for (int i = 0; i < n; i++) {
            points[i] = i;
        }
        return EXACT_ONE_SAMPLE.test(points, x -> x == 0 ? d : (x + 0.5) / n).getPValue();
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
