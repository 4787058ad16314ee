package io.modelwatch.core.estimation;

import java.util.Arrays;

/**
 * Confidence-based performance estimation (the idea of NannyML's CBPE, written from its definition): fits,
 * on a labelled reference, what is needed to estimate a binary classifier's performance on later batches
 * whose labels have not arrived.
 *
 * <p>{@link #fit} does two things on the reference:
 * <ol>
 *   <li>calibrates the scores to probabilities with isotonic regression ({@link IsotonicCalibration});</li>
 *   <li>measures how much each realised metric varies between reference chunks of {@code c} consecutive
 *       rows: the sample standard deviation (ddof = 1) of the metric over the chunks on which it is
 *       defined. A trailing partial chunk is not used. At least {@value #MIN_CHUNKS_FOR_BAND} chunks with
 *       the metric defined are needed, otherwise that metric gets no band.</li>
 * </ol>
 * Chunk size: the value given to {@link #withChunkSize}, or by default
 * {@code min(}{@value #DEFAULT_CHUNK_SIZE}{@code , floor(n / }{@value #DEFAULT_MIN_CHUNKS}{@code ))} so that
 * there are at least {@value #DEFAULT_MIN_CHUNKS} chunks.
 *
 * <p>The estimate itself is made by {@link ConfidenceBasedEstimator#estimate}. It is valid when the
 * relation between score and outcome, P(y = 1 | score), is the same on the batch as on the reference
 * (covariate shift is fine, concept drift is not).
 */
public final class PerformanceEstimator {

    /** Default reference chunk size in rows (reduced on small references, see the class comment). */
    public static final int DEFAULT_CHUNK_SIZE = 1000;
    /** With the default chunk size, the reference is cut into at least this many chunks. */
    public static final int DEFAULT_MIN_CHUNKS = 10;
    /** Chunks on which a metric must be defined for it to get a band. */
    public static final int MIN_CHUNKS_FOR_BAND = 2;
    /** Default band half-width in standard deviations. */
    public static final double DEFAULT_BAND_SIGMAS = 3.0;

    private final int chunkSize; // 0 = default rule
    private final double bandSigmas;

    private PerformanceEstimator(int chunkSize, double bandSigmas) {
        this.chunkSize = chunkSize;
        this.bandSigmas = bandSigmas;
    }

    public static PerformanceEstimator withDefaults() {
        return new PerformanceEstimator(0, DEFAULT_BAND_SIGMAS);
    }

    /** A fixed reference chunk size, in rows ({@code >= 1}). */
    public PerformanceEstimator withChunkSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("chunk size must be >= 1 row, got " + rows);
        }
        return new PerformanceEstimator(rows, bandSigmas);
    }

    /** Band half-width in standard deviations (finite, {@code > 0}). */
    public PerformanceEstimator withBandSigmas(double sigmas) {
        if (!(sigmas > 0) || !Double.isFinite(sigmas)) {
            throw new IllegalArgumentException("band sigmas must be finite and > 0, got " + sigmas);
        }
        return new PerformanceEstimator(chunkSize, sigmas);
    }

    /**
     * Fits the calibration and the chunk-to-chunk variation on the labelled reference.
     *
     * @param referenceScores    the model's scores (probability of class 1), finite
     * @param referenceLabels    actual classes, 0 or 1
     * @param referencePredicted predicted classes, 0 or 1
     * @return the immutable, serialisable estimator
     */
    public ConfidenceBasedEstimator fit(double[] referenceScores, int[] referenceLabels, int[] referencePredicted) {
        ExpectedMetrics.checkLengths(referenceScores.length, "labels", referenceLabels.length,
                referencePredicted.length);
        int n = referenceScores.length;
        if (n == 0) {
            throw new IllegalArgumentException("the reference must have at least one row, got 0");
        }
        ExpectedMetrics.checkScoresAndPredicted(referenceScores, referencePredicted);
        IsotonicCalibration calibration = IsotonicCalibration.fit(referenceScores, referenceLabels);

        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = referenceLabels[i];
        }
        ExpectedMetrics whole = ExpectedMetrics.of(referenceScores, q, referencePredicted, 0, n);

        int size = chunkSize > 0 ? chunkSize : Math.max(1, Math.min(DEFAULT_CHUNK_SIZE, n / DEFAULT_MIN_CHUNKS));
        int chunks = n / size;
        double[][] perMetric = new double[6][chunks];
        int[] defined = new int[6];
        for (int c = 0; c < chunks; c++) {
            ExpectedMetrics m = ExpectedMetrics.of(referenceScores, q, referencePredicted,
                    c * size, (c + 1) * size);
            Double[] values = {m.accuracy(), m.precision(), m.recall(), m.f1(), m.specificity(), m.rocAuc()};
            for (int k = 0; k < 6; k++) {
                if (values[k] != null) {
                    perMetric[k][defined[k]++] = values[k];
                }
            }
        }
        Double[] std = new Double[6];
        for (int k = 0; k < 6; k++) {
            std[k] = sampleStd(Arrays.copyOf(perMetric[k], defined[k]));
        }
        ExpectedMetrics chunkStd = new ExpectedMetrics(std[0], std[1], std[2], std[3], std[4], std[5]);
        return new ConfidenceBasedEstimator(calibration, n, size, chunks, bandSigmas, whole, chunkStd);
    }

    private static Double sampleStd(double[] v) {
        if (v.length < MIN_CHUNKS_FOR_BAND) {
            return null;
        }
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (v.length - 1));
    }
}
