package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import io.modelwatch.core.drift.DriftTestException;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.drift.Sample;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

import java.util.Set;

/**
 * Evidently's {@code es} ({@code epps_singleton_stattest.py}): {@code scipy.stats.epps_singleton_2samp(ref, cur)}
 * with {@code t = (0.4, 0.8)} (scipy 1.10). Drift when {@code p < threshold} (default 0.05).
 *
 * <p>With {@code σ = iqr(pooled)/2} (numpy's linear-interpolation percentiles) and {@code τ = t/σ}, each
 * observation maps to {@code g(v) = (cos τ1 v, cos τ2 v, sin τ1 v, sin τ2 v)}, the empirical characteristic
 * function at τ. With the biased (1/n) covariances {@code S_x}, {@code S_y} of g over each sample,
 * {@code N = n1 + n2}, {@code Ŝ = (N/n1) S_x + (N/n2) S_y} and {@code Δ = ḡ_x − ḡ_y}:
 * <pre>
 *   W = N · Δᵀ Ŝ⁺ Δ,            Ŝ⁺ the pseudo-inverse (symmetric eigen-decomposition,
 *                                eigenvalues below 1e-15 · λ_max dropped, as numpy's pinv rcond)
 *   W ← W / (1 + N^-0.45 + 10.1 (n1^-1.7 + n2^-1.7))   when max(n1, n2) &lt; 25 (small-sample correction)
 *   p = χ²_r.sf(W),              r = rank of Ŝ⁺ (4 unless degenerate)
 * </pre>
 * Evidently first raises when the pooled interquartile range is 0, and scipy needs at least
 * {@value #MIN_SIZE} observations per sample: both are {@link DriftTestException}s. O(n) plus the
 * cached sorts (for the quartiles).
 * Reference values: {@code golden/stattests.json} ({@code es}), scipy 1.10.1.
 */
public final class EppsSingletonDriftTest extends NumericDriftTest {

    public static final String NAME = "es";

    /** scipy's minimum number of observations per sample. */
    public static final int MIN_SIZE = 5;

    /** scipy's default evaluation points of the empirical characteristic function. */
    private static final double[] T = {0.4, 0.8};

    /** Sample size below which scipy applies the small-sample correction (when max(n1, n2) &lt; 25). */
    private static final int SMALL_SAMPLE = 25;

    /** numpy.linalg.pinv's default relative cutoff for singular values. */
    private static final double PINV_RCOND = 1e-15;

    private static final double EPSILON = Math.ulp(1.0);

    private static final DriftTestSpec SPEC = new DriftTestSpec(NAME,
            Set.of(ColumnKind.NUMERIC), 0.05, DriftDirection.P_VALUE_BELOW);
    private static final EppsSingletonDriftTest DEFAULT = new EppsSingletonDriftTest();

    private EppsSingletonDriftTest() {
        super(SPEC);
    }

    public static EppsSingletonDriftTest withDefaults() {
        return DEFAULT;
    }

    @Override
    DriftScore score(NumericSample ref, NumericSample cur) {
        int nx = ref.values().length;
        int ny = cur.values().length;
        if (nx < MIN_SIZE || ny < MIN_SIZE) {
            throw new DriftTestException(NAME + ": x and y should have at least " + MIN_SIZE
                    + " elements, got " + nx + " and " + ny);
        }
        double iqr = pooledPercentile(ref.sorted(), cur.sorted(), 75) - pooledPercentile(ref.sorted(), cur.sorted(), 25);
        if (iqr == 0) {
            throw new DriftTestException(NAME + ": Epps-Singleton: interquartile range of pooled sample is zero");
        }
        double sigma = iqr / 2;
        double[] tau = new double[T.length];
        for (int i = 0; i < T.length; i++) {
            tau[i] = T[i] / sigma;
        }
        int dim = 2 * tau.length;
        double[] meanX = new double[dim];
        double[] meanY = new double[dim];
        double[][] covX = characteristicMoments(ref.values(), tau, meanX);
        double[][] covY = characteristicMoments(cur.values(), tau, meanY);
        double n = (double) nx + ny;
        double[][] est = new double[dim][dim];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                est[i][j] = (n / nx) * covX[i][j] + (n / ny) * covY[i][j];
            }
        }
        double[] diff = new double[dim];
        for (int i = 0; i < dim; i++) {
            diff[i] = meanX[i] - meanY[i];
        }

        // pseudo-inverse of the symmetric covariance: W = N Σ_{kept λ} (vᵀΔ)^2 / λ
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(est, false));
        double[] lambda = eigen.getRealEigenvalues();
        RealMatrix vectors = eigen.getV();
        double lambdaMax = 0;
        for (double l : lambda) {
            lambdaMax = Math.max(lambdaMax, Math.abs(l));
        }
        double w = 0;
        double maxInverse = 0;
        double[] inverse = new double[dim];
        for (int k = 0; k < dim; k++) {
            if (Math.abs(lambda[k]) > PINV_RCOND * lambdaMax) {
                double proj = 0;
                for (int i = 0; i < dim; i++) {
                    proj += vectors.getEntry(i, k) * diff[i];
                }
                w += proj * proj / lambda[k];
                inverse[k] = 1 / Math.abs(lambda[k]);
                maxInverse = Math.max(maxInverse, inverse[k]);
            }
        }
        w *= n;
        // numpy.linalg.matrix_rank of the pseudo-inverse: singular values above max · dim · eps
        int rank = 0;
        for (double s : inverse) {
            if (s > maxInverse * dim * EPSILON) {
                rank++;
            }
        }
        if (Math.max(nx, ny) < SMALL_SAMPLE) {
            w /= 1.0 + Math.pow(n, -0.45) + 10.1 * (Math.pow(nx, -1.7) + Math.pow(ny, -1.7));
        }
        double p = rank == 0 ? Double.NaN : ChiSquaredDistribution.of(rank).survivalProbability(w);
        return DriftScore.pValue(w, p);
    }

    /**
     * Fills {@code mean} with the sample mean of g and returns its biased covariance. Two passes
     * (mean, then centred products) as numpy's {@code cov}.
     */
    private static double[][] characteristicMoments(double[] v, double[] tau, double[] mean) {
        int dim = mean.length;
        int n = v.length;
        double[] g = new double[dim];
        for (double x : v) {
            features(x, tau, g);
            for (int i = 0; i < dim; i++) {
                mean[i] += g[i];
            }
        }
        for (int i = 0; i < dim; i++) {
            mean[i] /= n;
        }
        double[][] cov = new double[dim][dim];
        for (double x : v) {
            features(x, tau, g);
            for (int i = 0; i < dim; i++) {
                g[i] -= mean[i];
            }
            for (int i = 0; i < dim; i++) {
                for (int j = i; j < dim; j++) {
                    cov[i][j] += g[i] * g[j];
                }
            }
        }
        for (int i = 0; i < dim; i++) {
            for (int j = i; j < dim; j++) {
                cov[i][j] /= n;
                cov[j][i] = cov[i][j];
            }
        }
        return cov;
    }

    private static void features(double x, double[] tau, double[] out) {
        for (int k = 0; k < tau.length; k++) {
            out[k] = Math.cos(tau[k] * x);
            out[tau.length + k] = Math.sin(tau[k] * x);
        }
    }

    /** numpy's {@code percentile(pooled, q)} with linear interpolation, from the two sorted samples. */
    static double pooledPercentile(double[] a, double[] b, double q) {
        int n = a.length + b.length;
        double index = q / 100 * (n - 1);
        int lo = (int) Math.floor(index);
        double frac = index - lo;
        double below = kth(a, b, lo);
        double above = lo + 1 < n ? kth(a, b, lo + 1) : below;
        double diff = above - below;
        // numpy's _lerp: a + d·t, or b − d·(1 − t) when t >= 0.5
        return frac >= 0.5 ? above - diff * (1 - frac) : below + diff * frac;
    }

    /** The k-th smallest (0-based) of two sorted arrays merged, in O(log(n)) steps. */
    static double kth(double[] a, double[] b, int k) {
        int lo = Math.max(0, k + 1 - b.length);
        int hi = Math.min(k + 1, a.length);
        // find how many of the k+1 smallest come from a
        while (lo < hi) {
            int fromA = (lo + hi) >>> 1;
            int fromB = k + 1 - fromA;
            if (a[fromA] < b[fromB - 1]) {
                lo = fromA + 1;
            } else {
                hi = fromA;
            }
        }
        int fromA = lo;
        int fromB = k + 1 - fromA;
        double lastA = fromA > 0 ? a[fromA - 1] : Double.NEGATIVE_INFINITY;
        double lastB = fromB > 0 ? b[fromB - 1] : Double.NEGATIVE_INFINITY;
        return Math.max(lastA, lastB);
    }
}
