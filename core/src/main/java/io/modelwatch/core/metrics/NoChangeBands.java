package io.modelwatch.core.metrics;

/**
 * The no-change bands with a closed form. Every formula treats the reference and the current batch as two
 * independent samples of the same process, so both sample sizes enter: the reference's own sampling noise is part of
 * what a change has to exceed.
 */
public final class NoChangeBands {

    private NoChangeBands() {
    }

    /**
     * PSI of a batch of {@code n} values against a reference of {@code referenceN} values in {@code bins} bins of
     * non-zero reference share, when both come from one distribution. Then
     * {@code PSI / (1/n + 1/N)} is asymptotically chi-squared with {@code bins − 1} degrees of freedom (PSI is the
     * symmetrised Kullback–Leibler divergence, whose second-order expansion is Pearson's chi-squared statistic of the
     * two samples), so {@code E[PSI] = (B − 1)(1/n + 1/N)} and {@code SD[PSI] = sqrt(2(B − 1))·(1/n + 1/N)}
     * (B. Yurdakul, <i>Statistical properties of population stability index</i>, Western Michigan University,
     * 2018, ch. 3). The epsilon given to an empty bin is ignored (it adds a small upward bias for sparse bins).
     *
     * @return the band, or {@code null} with fewer than two bins or an empty side
     */
    public static NoChangeBand psi(String category, String name, String column, String segment, int bins, long n,
                                   long referenceN) {
        if (bins < 2 || n < 1 || referenceN < 1) {
            return null;
        }
        double scale = 1.0 / n + 1.0 / referenceN;
        return new NoChangeBand(category, name, column, segment, (bins - 1) * scale,
                Math.sqrt(2.0 * (bins - 1)) * scale, NoChangeBand.PSI_CHI_SQUARED);
    }

    /**
     * A proportion measured on {@code n} trials (recall on the actual churners, precision on the predicted
     * churners, ...), compared with its reference value {@code p} measured on {@code referenceN} trials: under no
     * change both are binomial proportions of the same {@code p}, so the batch's value is expected at {@code p}
     * with standard error {@code sqrt(p(1 − p)(1/n + 1/N))} (the two-sample binomial standard error, conditional on
     * the denominators; e.g. A. Agresti, <i>Categorical Data Analysis</i>, 3rd ed., 2013, §1.3 and §3.1).
     *
     * @return the band, or {@code null} without trials on either side or without {@code p}
     */
    public static NoChangeBand proportion(String category, String name, String column, String segment, Double p,
                                          long n, long referenceN) {
        if (p == null || !Double.isFinite(p) || n < 1 || referenceN < 1) {
            return null;
        }
        return new NoChangeBand(category, name, column, segment, p, binomialSe(p, n, referenceN),
                NoChangeBand.BINOMIAL);
    }

    /**
     * The difference (batch − reference, or reference − batch) of two binomial proportions of the same {@code p}:
     * expected 0, standard error {@code sqrt(p(1 − p)(1/n + 1/N))} (Agresti, as above).
     *
     * @return the band, or {@code null} without trials on either side or without {@code p}
     */
    public static NoChangeBand difference(String category, String name, String column, String segment, Double p,
                                          long n, long referenceN) {
        if (p == null || !Double.isFinite(p) || n < 1 || referenceN < 1) {
            return null;
        }
        return new NoChangeBand(category, name, column, segment, 0.0, binomialSe(p, n, referenceN),
                NoChangeBand.BINOMIAL);
    }

    /**
     * A metric whose spread was measured on reference chunks: {@code chunkStd} is its standard deviation over
     * chunks of {@code chunkSize} rows. Scaled as a mean's standard error ({@code σ_c·sqrt(c/m)}, as the
     * confidence-based estimator's band and NannyML's sampling error do), and the reference value's own noise on
     * {@code N} rows added: {@code SE = σ_c·sqrt(c·(1/m + 1/N))}, around the reference value.
     *
     * @return the band, or {@code null} without a chunk spread, reference value or rows
     */
    public static NoChangeBand chunks(String category, String name, Double referenceValue, Double chunkStd,
                                      int chunkSize, long m, long referenceN) {
        if (referenceValue == null || chunkStd == null || !Double.isFinite(referenceValue)
                || !Double.isFinite(chunkStd) || m < 1 || referenceN < 1 || chunkSize < 1) {
            return null;
        }
        return new NoChangeBand(category, name, null, null, referenceValue,
                chunkStd * Math.sqrt(chunkSize * (1.0 / m + 1.0 / referenceN)), NoChangeBand.REFERENCE_CHUNKS);
    }

    private static double binomialSe(double p, long n, long referenceN) {
        double q = Math.min(1, Math.max(0, p));
        return Math.sqrt(q * (1 - q) * (1.0 / n + 1.0 / referenceN));
    }
}
