package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.SortedRuns;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import io.modelwatch.core.drift.NumericSample;
import org.apache.commons.math3.special.Gamma;

import java.util.Arrays;
import java.util.Set;

/**
 * Evidently's {@code cramer_von_mises}: its copy of {@code scipy.stats.cramervonmises_2samp(ref, cur)},
 * {@code method='auto'}. Drift when {@code p <= threshold} (default 0.1).
 *
 * <p><b>Statistic</b> (Anderson 1962, eqs. 9–10), with midranks r of the pooled sample, each sample
 * sorted, {@code k = nx ny}, {@code N = nx + ny}:
 * <pre>
 *   U = nx Σ_i (r_x,i − i)^2 + ny Σ_j (r_y,j − j)^2
 *   T = U / (k N) − (4k − 1) / (6N)
 * </pre>
 * <b>p-value:</b> exact when {@code max(nx, ny) <= 20} ({@value #MAX_EXACT_SIZE}), else asymptotic.
 * <ul>
 *   <li>exact: the null distribution of U by the frequency-table recursion of Xiao, Gordon &amp;
 *   Yakovlev (2006, Algorithm 1), on the lattice with steps {@code a = lcm/nx}, {@code b = lcm/ny};
 *   {@code p = #{paths with ζ-value >= ζ(U)} / C(N, nx)} with scipy's
 *   {@code ζ = ⌊lcm^2 N (6U − k(4k − 1)) / (6k^2)⌋}.</li>
 *   <li>asymptotic: {@code E[T] = (1 + 1/N)/6},
 *   {@code Var[T] = (N+1)(4kN − 3(nx^2+ny^2) − 2k) / (45 N^2 · 4k)},
 *   {@code tn = 1/6 + (T − E[T]) / sqrt(45 Var[T])} (Anderson 1962, eq. 15), and
 *   {@code p = max(0, 1 − CvM_∞(tn))}, or 1 when {@code tn < 0.003}. {@code CvM_∞} is the limiting
 *   one-sample Cramér–von Mises cdf (Csörgő &amp; Faraway 1996, eq. 1.2), summed as scipy does until a
 *   term is below 1e-7:
 *   {@code Σ_k Γ(k+½)/(Γ(½) k!) · sqrt(4k+1) · exp(−q) K_¼(q) / (π sqrt(x))}, {@code q = (4k+1)^2/(16x)}.
 *   </li>
 * </ul>
 * Cost O(n) on the cached sorted samples plus, for the exact path, a bounded table (n ≤ 20).
 * Reference values: {@code golden/stattests.json} ({@code cramer_von_mises}), scipy 1.10.1.
 */
public final class CramerVonMisesDriftTest extends NumericDriftTest {

    public static final String NAME = "cramer_von_mises";

    /** scipy's 'auto' switch: exact when the larger sample has at most this many values. */
    public static final int MAX_EXACT_SIZE = 20;

    /** scipy stops the CvM_∞ series after the first term below this. */
    private static final double SERIES_TOLERANCE = 1e-7;

    private static final DriftTestSpec SPEC = new DriftTestSpec(NAME,
            Set.of(ColumnKind.NUMERIC), 0.1, DriftDirection.P_VALUE_AT_OR_BELOW);
    private static final CramerVonMisesDriftTest DEFAULT = new CramerVonMisesDriftTest();

    private CramerVonMisesDriftTest() {
        super(SPEC);
    }

    public static CramerVonMisesDriftTest withDefaults() {
        return DEFAULT;
    }

    @Override
    DriftScore score(NumericSample ref, NumericSample cur) {
        int nx = ref.count();
        int ny = cur.count();
        if (nx < 2 || ny < 2) {
            throw new io.modelwatch.core.drift.DriftTestException(NAME
                    + ": needs at least two observations per sample, got " + nx + " and " + ny);
        }
        double u = rankStatisticU(ref.runs(), cur.runs());
        double k = (double) nx * ny;
        double n = (double) nx + ny;
        double t = u / (k * n) - (4 * k - 1) / (6 * n);
        double p = Math.max(nx, ny) <= MAX_EXACT_SIZE ? exactPValue(u, nx, ny) : asymptoticPValue(t, nx, ny);
        return DriftScore.pValue(t, p);
    }

    /** {@code U = nx Σ (r_x,i − i)^2 + ny Σ (r_y,j − j)^2} with pooled midranks. */
    static double rankStatisticU(SortedRuns x, SortedRuns y) {
        double sumX = 0;
        double sumY = 0;
        long below = 0;
        TieGroups g = new TieGroups(x, y);
        while (g.next()) {
            int ca = g.countA();
            int cb = g.countB();
            double midrank = below + (ca + cb + 1) / 2.0;
            for (int i = g.cumulativeA() - ca + 1; i <= g.cumulativeA(); i++) {
                double d = midrank - i;
                sumX += d * d;
            }
            for (int j = g.cumulativeB() - cb + 1; j <= g.cumulativeB(); j++) {
                double d = midrank - j;
                sumY += d * d;
            }
            below += ca + cb;
        }
        return x.total() * sumX + y.total() * sumY;
    }

    /** Anderson's normalisation and the limiting distribution, as scipy's {@code _pval_cvm_2samp_asymptotic}. */
    static double asymptoticPValue(double t, int nx, int ny) {
        double n = (double) nx + ny;
        double k = (double) nx * ny;
        double et = (1 + 1 / n) / 6;
        double vt = (n + 1) * (4 * k * n - 3 * ((double) nx * nx + (double) ny * ny) - 2 * k);
        vt = vt / (45 * n * n * 4 * k);
        double tn = 1.0 / 6 + (t - et) / Math.sqrt(45 * vt);
        if (tn < 0.003) {
            return 1.0;
        }
        return Math.max(0, 1.0 - limitingCdf(tn));
    }

    /** The limiting one-sample CvM cdf (Csörgő &amp; Faraway 1996, eq. 1.2), scipy's {@code _cdf_cvm_inf}. */
    static double limitingCdf(double x) {
        double total = 0;
        for (int k = 0; ; k++) {
            double u = Math.exp(Gamma.logGamma(k + 0.5) - Gamma.logGamma(k + 1.0))
                    / (Math.pow(Math.PI, 1.5) * Math.sqrt(x));
            double y = 4 * k + 1;
            double q = y * y / (16 * x);
            double term = u * Math.sqrt(y) * Math.exp(-q) * besselK(0.25, q);
            total += term;
            if (Math.abs(term) < SERIES_TOLERANCE) {
                return total;
            }
        }
    }

    /**
     * The modified Bessel function of the second kind {@code K_ν(x)}, x &gt; 0, from its integral
     * {@code ∫_0^∞ exp(−x cosh s) cosh(ν s) ds}. Neither Commons Statistics nor Commons Math provide
     * K of fractional order. The integrand is even and analytic in the strip |Im s| &lt; π/2, so the
     * trapezoid rule converges geometrically (error about exp(−π²/h)); with h = 1/32 it is accurate to
     * machine precision. Summation stops once the integrand is negligible.
     */
    static double besselK(double nu, double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("besselK needs x > 0, got " + x);
        }
        final double h = 1.0 / 32;
        // Scale by exp(x) so that large x does not underflow: integrand exp(−x (cosh s − 1)) cosh(ν s).
        double sum = 0.5; // s = 0 counted once with weight 1/2 (the integral over [0, ∞))
        for (int i = 1; ; i++) {
            double s = i * h;
            double f = Math.exp(-x * (Math.cosh(s) - 1)) * Math.cosh(nu * s);
            sum += f;
            if (f < 1e-18 * sum) {
                break;
            }
        }
        return sum * h * Math.exp(-x);
    }

    /** scipy's {@code _pval_cvm_2samp_exact(U, nx, ny)} (Xiao, Gordon &amp; Yakovlev 2006). */
    static double exactPValue(double s, int m, int n) {
        long lcm = (long) m / gcd(m, n) * n;
        long a = lcm / m;
        long b = lcm / n;
        long mn = (long) m * n;
        // as numpy: an int64 times a float64, then float floor division
        double zeta = Math.floor((double) (lcm * lcm * (m + n)) * (6 * s - (double) (mn * (4 * mn - 1)))
                / (double) (6 * mn * mn));
        long combinations = binomial(m + n, m);

        // gs[v] = frequency table of path sums to (u − 1, v); tables are (sorted values, frequencies).
        FrequencyTable[] gs = new FrequencyTable[m + 1];
        gs[0] = new FrequencyTable(new long[] {0}, new long[] {1});
        for (int v = 1; v <= m; v++) {
            gs[v] = FrequencyTable.EMPTY;
        }
        for (int u = 0; u <= n; u++) {
            FrequencyTable[] next = new FrequencyTable[m + 1];
            FrequencyTable tmp = FrequencyTable.EMPTY;
            for (int v = 0; v <= m; v++) {
                long d = a * v - b * u;
                tmp = tmp.merge(gs[v]).shift(d * d);
                next[v] = tmp;
            }
            gs = next;
        }
        FrequencyTable last = gs[m];
        long count = 0;
        for (int i = 0; i < last.values.length; i++) {
            if (last.values[i] >= zeta) {
                count += last.freqs[i];
            }
        }
        return (double) count / combinations;
    }

    /** Distinct path sums in ascending order with their counts. */
    private record FrequencyTable(long[] values, long[] freqs) {
        static final FrequencyTable EMPTY = new FrequencyTable(new long[0], new long[0]);

        FrequencyTable merge(FrequencyTable o) {
            long[] v = new long[values.length + o.values.length];
            long[] f = new long[v.length];
            int i = 0;
            int j = 0;
            int k = 0;
            while (i < values.length || j < o.values.length) {
                if (j == o.values.length || (i < values.length && values[i] < o.values[j])) {
                    v[k] = values[i];
                    f[k++] = freqs[i++];
                } else if (i == values.length || o.values[j] < values[i]) {
                    v[k] = o.values[j];
                    f[k++] = o.freqs[j++];
                } else {
                    v[k] = values[i];
                    f[k++] = freqs[i++] + o.freqs[j++];
                }
            }
            return new FrequencyTable(Arrays.copyOf(v, k), Arrays.copyOf(f, k));
        }

        FrequencyTable shift(long by) {
            long[] v = values.clone();
            for (int i = 0; i < v.length; i++) {
                v[i] += by;
            }
            return new FrequencyTable(v, freqs);
        }
    }

    private static long binomial(int n, int k) {
        long r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
