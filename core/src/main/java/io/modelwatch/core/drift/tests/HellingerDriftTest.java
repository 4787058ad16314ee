package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.drift.Sample;

import java.util.Set;

/**
 * Evidently's {@code hellinger} ({@code legacy/calculations/stattests/hellinger_distance.py}): the
 * Hellinger distance {@code H = sqrt(1 − clip(BC, 0, 1))} with the Bhattacharyya coefficient BC computed
 * on Evidently's <em>own</em> binning (not {@link EvidentlyBinning#shares}):
 * <ul>
 *   <li>categorical (or mixed kinds): {@code BC = Σ_k sqrt(p_k · q_k)} over the values of
 *       reference ∪ current, with {@code p_k = count_k / n};</li>
 *   <li>numeric: {@code edges = histogram_bin_edges(distinct values of ref ∪ cur, "sturges")} — Sturges
 *       counts the <em>distinct</em> values, not the observations
 *       ({@link EvidentlyBinning#sturgesEdges}); {@code h1}, {@code h2} are the
 *       {@code np.histogram(..., density=True)} densities {@code count_i / width_i / n},
 *       {@code w = (max(edges) − min(edges)) / k} and {@code BC = Σ sqrt(h1_i · h2_i) · w}
 *       (numerically {@code Σ sqrt(p_i q_i)} over count shares).</li>
 * </ul>
 * There is no 20-distinct-values rule and no epsilon. Drift when {@code H >= threshold} (default 0.1).
 * Cost: one merge walk over the cached sorted arrays plus {@code k+1} binary searches.
 *
 * <p>Reference values: {@code golden/stattests.json → hellinger} (27 cases, numpy 1.24.2 via
 * make_golden.py), including the unclipped BC and the edges.
 */
public final class HellingerDriftTest extends BinnedDriftTest {

    public static final String NAME = "hellinger";
    /** Evidently's default threshold. */
    public static final double DEFAULT_THRESHOLD = 0.1;

    private static final DriftTestSpec SPEC = new DriftTestSpec(NAME,
            Set.of(ColumnKind.NUMERIC, ColumnKind.CATEGORICAL), DEFAULT_THRESHOLD, DriftDirection.SCORE_AT_OR_ABOVE);
    private static final HellingerDriftTest DEFAULT = new HellingerDriftTest();

    private HellingerDriftTest() {
        super(SPEC);
    }

    public static HellingerDriftTest withDefaults() {
        return DEFAULT;
    }

    @Override
    double distance(Sample reference, Sample current) {
        double bc = bhattacharyyaCoefficient(reference, current);
        return Math.sqrt(1 - Math.min(1.0, Math.max(0.0, bc)));
    }

    /**
     * The Bhattacharyya coefficient on Evidently's hellinger binning, before clipping to [0, 1].
     *
     * @throws io.modelwatch.core.drift.DriftTestException when a sample is empty
     */
    public static double bhattacharyyaCoefficient(Sample reference, Sample current) {
        DriftInputs.requireNonEmpty(reference, current);
        if (reference instanceof NumericSample r && current instanceof NumericSample c) {
            return numericCoefficient(r.sorted(), c.sorted());
        }
        CategoryCounts counts = CategoryCounts.of(reference, current);
        double[] p = EvidentlyBinning.divide(counts.reference(), counts.referenceSize());
        double[] q = EvidentlyBinning.divide(counts.current(), counts.currentSize());
        double bc = 0;
        for (int k = 0; k < p.length; k++) {
            bc += Math.sqrt(p[k] * q[k]);
        }
        return bc;
    }

    /** The Sturges edges over the distinct values of reference ∪ current (both ascending). */
    public static double[] edges(double[] sortedReference, double[] sortedCurrent) {
        double min = Math.min(sortedReference[0], sortedCurrent[0]);
        double max = Math.max(sortedReference[sortedReference.length - 1], sortedCurrent[sortedCurrent.length - 1]);
        return EvidentlyBinning.sturgesEdges(min, max,
                EvidentlyBinning.distinctUnionCount(sortedReference, sortedCurrent));
    }

    private static double numericCoefficient(double[] ref, double[] cur) {
        double[] edges = edges(ref, cur);
        int k = edges.length - 1;
        double[] h1 = density(EvidentlyBinning.histogram(ref, edges), edges);
        double[] h2 = density(EvidentlyBinning.histogram(cur, edges), edges);
        double w = (edges[k] - edges[0]) / k;
        double bc = 0;
        for (int i = 0; i < k; i++) {
            bc += Math.sqrt(h1[i] * h2[i]) * w;
        }
        return bc;
    }

    /** numpy's {@code density=True}: {@code count_i / (e_{i+1} − e_i) / Σ count}. */
    private static double[] density(long[] counts, double[] edges) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double[] d = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            d[i] = counts[i] / (edges[i + 1] - edges[i]) / total;
        }
        return d;
    }
}
