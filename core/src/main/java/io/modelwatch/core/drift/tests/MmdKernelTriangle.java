package io.modelwatch.core.drift.tests;

/**
 * The strict upper triangle of the RBF kernel matrix of a pooled sample, in float, with per-row totals: what
 * {@link EmpiricalMmdDriftTest} evaluates its permutations on ({@code K(a, b) = exp(−γ·d(a, b))}, ≤ 32 MB for
 * its {@value EmpiricalMmdDriftTest#MAX_POOLED_SIZE} pooled observations).
 */
final class MmdKernelTriangle {

    private final int size;
    private final float[] k;
    private final long[] rowStart;
    private final double[] rowTotal;

    MmdKernelTriangle(double[] pooled, double gamma) {
        size = pooled.length;
        rowStart = new long[size];
        rowTotal = new double[size];
        long offset = 0;
        for (int i = 0; i < size; i++) {
            rowStart[i] = offset;
            offset += size - i - 1;
        }
        k = new float[(int) offset];
        for (int i = 0; i < size; i++) {
            int base = (int) rowStart[i] - (i + 1);
            double total = 0;
            for (int j = i + 1; j < size; j++) {
                float v = (float) Math.exp(-gamma * squaredDistance(pooled[i], pooled[j]));
                k[base + j] = v;
                total += v;
            }
            rowTotal[i] = total;
        }
    }

    /** MMD for a labelling (isX marks the n positions playing the reference). */
    double statistic(boolean[] isX, int n, int m) {
        float[] mask = new float[size]; // 1 for reference positions: a branch-free inner loop
        for (int j = 0; j < size; j++) {
            mask[j] = isX[j] ? 1f : 0f;
        }
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < size; i++) {
            int base = (int) rowStart[i] - (i + 1);
            double rowX = 0;
            for (int j = i + 1; j < size; j++) {
                rowX += mask[j] * k[base + j];
            }
            double rowY = rowTotal[i] - rowX;
            if (isX[i]) {
                sxx += rowX;
                sxy += rowY;
            } else {
                syy += rowY;
                sxy += rowX;
            }
        }
        double dn = n;
        double dm = m;
        return 2 * sxx / (dn * (dn - 1)) + 2 * syy / (dm * (dm - 1)) - 2.0 * (sxy / (dn * dm));
    }

    /** Evidently's squared distance, expanded: {@code b² − 2ab + a²} (not {@code (a − b)²}). */
    static double squaredDistance(double a, double b) {
        return b * b - 2 * (a * b) + a * a;
    }
}
