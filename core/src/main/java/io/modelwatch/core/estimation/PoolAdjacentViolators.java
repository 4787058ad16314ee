package io.modelwatch.core.estimation;

/**
 * Weighted isotonic (non-decreasing) least-squares regression of a sequence by the pool-adjacent-violators
 * algorithm (PAVA; Ayer et al. 1955, Barlow et al. 1972).
 *
 * <p>Given values {@code y_1..y_n} already ordered by their covariate and positive weights {@code w_i}, it
 * returns the {@code f} that minimises {@code Σ w_i (y_i − f_i)²} subject to {@code f_1 ≤ f_2 ≤ … ≤ f_n}.
 * The solution is piecewise constant: consecutive points are pooled into blocks, and a block's value is
 * the weighted mean of its {@code y}. The algorithm scans left to right keeping a stack of blocks; each
 * new point starts a block, and while the top block's mean is below the one beneath it, the two are
 * merged. Every point is pushed once and merged at most once, so the cost is O(n).
 *
 * <p>Hand-checkable example: {@code y = (1, 3, 2, 4)}, unit weights, gives {@code (1, 2.5, 2.5, 4)}.
 * Isotonic regression is written here because Commons Math 3.6 and Commons Statistics have none.
 */
public final class PoolAdjacentViolators {

    private PoolAdjacentViolators() {
    }

    /** Unit weights; see {@link #fit(double[], double[])}. */
    public static double[] fit(double[] y) {
        double[] w = new double[y.length];
        java.util.Arrays.fill(w, 1.0);
        return fit(y, w);
    }

    /**
     * @param y values ordered by their covariate (finite)
     * @param w weights, same length as {@code y}, each finite and {@code > 0}
     * @return the non-decreasing least-squares fit, one value per input position (a new array)
     */
    public static double[] fit(double[] y, double[] w) {
        Blocks blocks = pool(y, w);
        double[] fitted = new double[y.length];
        for (int b = 0; b < blocks.count; b++) {
            for (int i = blocks.start[b]; i < blocks.end[b]; i++) {
                fitted[i] = blocks.mean[b];
            }
        }
        return fitted;
    }

    /**
     * The pooled blocks: block {@code b} covers input positions {@code [start[b], end[b])} and has value
     * {@code mean[b]} and total weight {@code weight[b]}; means are strictly increasing from block to block.
     */
    static Blocks pool(double[] y, double[] w) {
        if (y.length != w.length) {
            throw new IllegalArgumentException("y and w must have the same length, got " + y.length
                    + " and " + w.length);
        }
        int n = y.length;
        int[] start = new int[n];
        int[] end = new int[n];
        double[] mean = new double[n];
        double[] weight = new double[n];
        int top = -1;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("y[" + i + "] must be finite, got " + y[i]);
            }
            if (!(w[i] > 0) || !Double.isFinite(w[i])) {
                throw new IllegalArgumentException("w[" + i + "] must be finite and > 0, got " + w[i]);
            }
            top++;
            start[top] = i;
            end[top] = i + 1;
            mean[top] = y[i];
            weight[top] = w[i];
            // merge while the last two blocks violate the order (equal means are merged too, so the
            // block means end up strictly increasing)
            while (top > 0 && mean[top - 1] >= mean[top]) {
                double total = weight[top - 1] + weight[top];
                mean[top - 1] = (mean[top - 1] * weight[top - 1] + mean[top] * weight[top]) / total;
                weight[top - 1] = total;
                end[top - 1] = end[top];
                top--;
            }
        }
        return new Blocks(top + 1, start, end, mean, weight);
    }

    /** Result of {@link #pool}; arrays are longer than {@code count}, only the first {@code count} are used. */
    record Blocks(int count, int[] start, int[] end, double[] mean, double[] weight) {
    }
}
