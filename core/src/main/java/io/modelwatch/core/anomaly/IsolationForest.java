package io.modelwatch.core.anomaly;

import java.util.Arrays;
import java.util.Random;

/**
 * Isolation forest (Liu, Ting and Zhou, "Isolation Forest", ICDM 2008): anomalies are few and different, so
 * random axis-parallel splits isolate them in fewer steps than normal points.
 *
 * <p>Definitions (the paper's, which scikit-learn's {@code IsolationForest} follows):
 * <ul>
 *   <li>Each of {@code t} trees ({@code n_estimators}, default {@value #DEFAULT_TREES}) is grown on a
 *       subsample of {@code ψ = min(max_samples, n)} rows drawn without replacement (default
 *       {@value #DEFAULT_MAX_SAMPLES}), to the height limit {@code ceil(log2 ψ)}.</li>
 *   <li>A node picks a feature uniformly among those not constant in the node, and a split value {@code p}
 *       uniformly in {@code [min, max)} of that feature in the node; {@code x ≤ p} goes left (scikit-learn's
 *       convention). A node with one row, only constant features, or at the height limit is a leaf that
 *       remembers its row count {@code m}.</li>
 *   <li>Path length {@code h(x)} = edges from the root to the leaf of {@code x} plus {@code c(m)}, the expected
 *       path length of an unbuilt subtree of {@code m} rows.</li>
 *   <li>{@code c(n) = 2 H(n−1) − 2 (n−1)/n} with {@code H(i) ≈ ln(i) + 0.5772156649} (Euler's constant);
 *       {@code c(2) = 1}, {@code c(n ≤ 1) = 0}.</li>
 *   <li>Score {@code s(x) = 2^(−E[h(x)] / c(ψ))}: near 1 for anomalies, at most about 0.5 for normal points.
 *       (scikit-learn's {@code score_samples} is {@code −s}.)</li>
 * </ul>
 *
 * <p>Deterministic: the trees come from one {@link java.util.Random} seeded with {@code seed}, whose sequence
 * the Java specification fixes, so the same data and seed give the same scores on every JVM. The random streams
 * differ from numpy's, so individual scores differ from scikit-learn's by the forest's sampling noise; the
 * ranking of clear outliers agrees, and the mean score of 50 forests is within 0.01 of scikit-learn 1.2.1's on
 * every row of the test data (see {@code IsolationForestTest} and {@code scripts/iforest_reference.py}).
 *
 * <p>Plain arrays and no reflection, so native images need no configuration.
 */
public final class IsolationForest {

    public static final int DEFAULT_TREES = 100;
    public static final int DEFAULT_MAX_SAMPLES = 256;
    public static final long DEFAULT_SEED = 42L;
    /** Euler–Mascheroni constant γ, for {@code H(i) ≈ ln(i) + γ}. */
    public static final double EULER_GAMMA = 0.5772156649015329;

    private final int trees;
    private final int maxSamples;
    private final long seed;

    private IsolationForest(int trees, int maxSamples, long seed) {
        if (trees < 1) {
            throw new IllegalArgumentException("n_estimators must be >= 1, got " + trees);
        }
        if (maxSamples < 2) {
            throw new IllegalArgumentException("max_samples must be >= 2, got " + maxSamples);
        }
        this.trees = trees;
        this.maxSamples = maxSamples;
        this.seed = seed;
    }

    public static IsolationForest withDefaults() {
        return new IsolationForest(DEFAULT_TREES, DEFAULT_MAX_SAMPLES, DEFAULT_SEED);
    }

    /** Number of trees ({@code n_estimators}). */
    public IsolationForest withTrees(int n) {
        return new IsolationForest(n, maxSamples, seed);
    }

    /** Subsample size ψ per tree ({@code max_samples}); capped at the number of rows. */
    public IsolationForest withMaxSamples(int psi) {
        return new IsolationForest(trees, psi, seed);
    }

    /** Seed of the random splits and subsamples. */
    public IsolationForest withSeed(long s) {
        return new IsolationForest(trees, maxSamples, s);
    }

    /**
     * {@code c(n)}: the average path length of an unsuccessful search in a binary search tree of {@code n} nodes,
     * {@code 2 H(n−1) − 2 (n−1)/n} with {@code H(i) ≈ ln(i) + γ}; {@code c(2) = 1}, {@code c(n ≤ 1) = 0}.
     */
    public static double averagePathLength(double n) {
        if (n <= 1) {
            return 0;
        }
        if (n <= 2) {
            return 1;
        }
        return 2 * (Math.log(n - 1) + EULER_GAMMA) - 2 * (n - 1) / n;
    }

    /**
     * Grows the forest on {@code rows} (each a vector of the same length, finite values).
     *
     * @throws IllegalArgumentException on fewer than 2 rows, ragged rows or non-finite values (naming the cell)
     */
    public Model fit(double[][] rows) {
        if (rows.length < 2) {
            throw new IllegalArgumentException("an isolation forest needs at least 2 rows, got " + rows.length);
        }
        int d = rows[0].length;
        if (d < 1) {
            throw new IllegalArgumentException("rows must have at least one feature");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " features, row 0 has " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    throw new IllegalArgumentException("row " + i + ", feature " + j + " must be finite, got " + rows[i][j]);
                }
            }
        }
        int psi = Math.min(maxSamples, rows.length);
        int heightLimit = (int) Math.ceil(Math.log(psi) / Math.log(2));
        Random random = new Random(seed);
        IsolationTree[] forest = new IsolationTree[trees];
        int[] all = new int[rows.length];
        for (int t = 0; t < trees; t++) {
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            // partial Fisher–Yates: the first psi entries are a sample without replacement
            for (int i = 0; i < psi; i++) {
                int j = i + random.nextInt(all.length - i);
                int tmp = all[i];
                all[i] = all[j];
                all[j] = tmp;
            }
            forest[t] = IsolationTree.grow(rows, Arrays.copyOf(all, psi), heightLimit, d, random);
        }
        return new Model(forest, d, psi, rows);
    }

    /**
     * Cross-validated scores of {@code rows}: with {@code k = min(folds, rows)} folds (row {@code i} in fold
     * {@code i mod k}), each fold is scored by a forest grown on the other folds with this forest's settings.
     * Unlike {@link Model#trainingScores()}, a row's score then comes from trees that never saw it, as a new
     * run's does: when ψ is close to the number of rows every tree holds every row, and in-sample scores sit
     * systematically below the scores of new rows from the same distribution.
     */
    public double[] crossValidatedScores(double[][] rows, int folds) {
        int n = rows.length;
        int k = Math.min(folds, n);
        if (k < 2 || n < 3) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds and 3 rows, got " + k
                    + " folds and " + n + " rows");
        }
        double[] scores = new double[n];
        for (int f = 0; f < k; f++) {
            double[][] train = new double[n - (n - f + k - 1) / k][];
            int t = 0;
            for (int i = 0; i < n; i++) {
                if (i % k != f) {
                    train[t++] = rows[i];
                }
            }
            Model m = fit(train);
            for (int i = f; i < n; i += k) {
                scores[i] = m.score(rows[i]);
            }
        }
        return scores;
    }

    /** A grown forest: scores and attributions of vectors of the training width. */
    public static final class Model {
        private final IsolationTree[] forest;
        private final int features;
        private final int psi;
        private final double[] trainingScores;
        private final double[] baseline;

        private Model(IsolationTree[] forest, int features, int psi, double[][] training) {
            this.forest = forest;
            this.features = features;
            this.psi = psi;
            this.trainingScores = new double[training.length];
            this.baseline = new double[features];
            for (int i = 0; i < training.length; i++) {
                trainingScores[i] = score(training[i]);
                double[] c = credit(training[i]);
                for (int f = 0; f < features; f++) {
                    baseline[f] += c[f] / training.length;
                }
            }
        }

        /** Subsample size ψ the trees were grown on. */
        public int subsampleSize() {
            return psi;
        }

        public int features() {
            return features;
        }

        /** {@code E[h(x)]}: the path length averaged over the trees. */
        public double meanPathLength(double[] x) {
            check(x);
            double sum = 0;
            for (IsolationTree t : forest) {
                sum += t.pathLength(x);
            }
            return sum / forest.length;
        }

        /** {@code s(x) = 2^(−E[h(x)] / c(ψ))}, in (0, 1]. */
        public double score(double[] x) {
            return Math.pow(2, -meanPathLength(x) / averagePathLength(psi));
        }

        /** The scores of the rows the forest was grown on, in their order (a copy). */
        public double[] trainingScores() {
            return trainingScores.clone();
        }

        /**
         * Which features isolate {@code x}: on the path of {@code x} in each tree, a split on feature {@code f}
         * at a node of {@code n} training rows that sends {@code x} to a child of {@code m} rows credits
         * {@code f} with {@code log2(n/m)} bits (a split that cuts {@code x} off from most of the data earns
         * much, one that keeps it with half the data earns 1); the credits along a path add up to
         * {@code log2(ψ / leaf rows)}. Averaged over the trees, each feature's credit is compared with the mean
         * credit the training rows themselves earn on it ({@link #baselineCredit()}): what {@code x} earns above
         * that, floored at 0, is returned as shares summing to 1 (all 0 when no feature earns more than usual).
         * A feature on which {@code x} is ordinary then gets no share, however often the trees split on it.
         */
        public double[] attribution(double[] x) {
            check(x);
            double[] credit = credit(x);
            double total = 0;
            for (int f = 0; f < features; f++) {
                credit[f] = Math.max(0, credit[f] - baseline[f]);
                total += credit[f];
            }
            if (total > 0) {
                for (int f = 0; f < features; f++) {
                    credit[f] /= total;
                }
            }
            return credit;
        }

        /** Mean credit in bits per tree the training rows earn on each feature (a copy). */
        public double[] baselineCredit() {
            return baseline.clone();
        }

        /** The credit of {@code x} on each feature in bits, averaged over the trees. */
        private double[] credit(double[] x) {
            double[] credit = new double[features];
            for (IsolationTree t : forest) {
                t.credit(x, credit);
            }
            for (int f = 0; f < features; f++) {
                credit[f] /= forest.length;
            }
            return credit;
        }

        private void check(double[] x) {
            if (x.length != features) {
                throw new IllegalArgumentException("vector has " + x.length + " features, the forest " + features);
            }
            for (int j = 0; j < x.length; j++) {
                if (!Double.isFinite(x[j])) {
                    throw new IllegalArgumentException("feature " + j + " must be finite, got " + x[j]);
                }
            }
        }
    }
}
