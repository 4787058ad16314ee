package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftDirection;
import io.modelwatch.core.drift.Sample;

import java.util.Set;

/**
 * Evidently's {@code kl_div} ({@code legacy/calculations/stattests/kl_div.py}): the Kullback–Leibler
 * divergence of reference from current, {@code scipy.stats.entropy(r, c)}:
 * <pre>
 * p = r / Σ r,   q = c / Σ c,   KL(p ‖ q) = Σ_i p_i · ln(p_i / q_i)
 * </pre>
 * where {@code r}, {@code c} are the {@link EvidentlyBinning} shares after the empty-bin fill; unlike psi,
 * {@code entropy} renormalises both vectors to sum 1. Natural log; terms with {@code p_i = 0} are 0.
 * Drift when {@code KL >= threshold} (default 0.1). Accepts numeric and categorical samples.
 *
 * <p>Reference values: {@code golden/stattests.json → kl_div} (27 cases, scipy 1.10.1 via make_golden.py).
 */
public final class KlDivergenceDriftTest extends BinnedDriftTest {

    public static final String NAME = "kl_div";
    /** Evidently's default threshold. */
    public static final double DEFAULT_THRESHOLD = 0.1;

    private static final DriftTestSpec SPEC = new DriftTestSpec(NAME,
            Set.of(ColumnKind.NUMERIC, ColumnKind.CATEGORICAL), DEFAULT_THRESHOLD, DriftDirection.SCORE_AT_OR_ABOVE);
    private static final KlDivergenceDriftTest DEFAULT = new KlDivergenceDriftTest();

    private KlDivergenceDriftTest() {
        super(SPEC);
    }

    public static KlDivergenceDriftTest withDefaults() {
        return DEFAULT;
    }

    @Override
    double distance(Sample reference, Sample current) {
        EvidentlyBinning.Shares shares = EvidentlyBinning.shares(reference, current);
        return klDivergence(EvidentlyBinning.fillEmptyBins(shares.referenceShares()),
                EvidentlyBinning.fillEmptyBins(shares.currentShares()));
    }

    /**
     * {@code scipy.stats.entropy(p, q)}: both vectors are normalised to sum 1, then
     * {@code Σ p_i ln(p_i/q_i)} with {@code 0 · ln(0/q) = 0} and {@code +∞} when {@code p_i > 0 = q_i}.
     */
    public static double klDivergence(double[] p, double[] q) {
        if (p.length != q.length) {
            throw new IllegalArgumentException("vectors differ in length: " + p.length + " vs " + q.length);
        }
        double[] pn = normalised(p);
        double[] qn = normalised(q);
        double sum = 0;
        for (int i = 0; i < pn.length; i++) {
            sum += relativeEntropy(pn[i], qn[i]);
        }
        return sum;
    }

    /** scipy's {@code rel_entr(x, y)}: {@code x ln(x/y)} for positive x and y, 0 for x = 0, else +∞. */
    static double relativeEntropy(double x, double y) {
        if (x > 0 && y > 0) {
            return x * Math.log(x / y);
        }
        if (x == 0 && y >= 0) {
            return 0;
        }
        return Double.POSITIVE_INFINITY;
    }

    /** The vector divided by its sum. */
    static double[] normalised(double[] v) {
        double total = 0;
        for (double x : v) {
            total += x;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / total;
        }
        return out;
    }
}
