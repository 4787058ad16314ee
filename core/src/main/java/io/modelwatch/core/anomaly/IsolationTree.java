package io.modelwatch.core.anomaly;

import java.util.Arrays;
import java.util.Random;

/**
 * One tree of an {@link IsolationForest} in flat arrays; node 0 is the root, {@code feature < 0} marks a leaf:
 * grown on a subsample by random splits (a random varying feature, a uniform split point between its minimum
 * and maximum) up to the height limit, it gives a vector's path length and the credit of each feature on that
 * path.
 */
final class IsolationTree {
    private int[] feature;
    private double[] split;
    private int[] left;
    private int[] right;
    private int[] size;
    private int nodes;

    private IsolationTree(int capacity) {
        feature = new int[capacity];
        split = new double[capacity];
        left = new int[capacity];
        right = new int[capacity];
        size = new int[capacity];
    }

    static IsolationTree grow(double[][] rows, int[] sample, int heightLimit, int d, Random random) {
        IsolationTree tree = new IsolationTree(Math.max(1, 2 * sample.length));
        tree.build(rows, sample, 0, sample.length, 0, heightLimit, d, random);
        return tree;
    }

    /** Builds the node for {@code idx[from, to)} and returns its index. */
    private int build(double[][] rows, int[] idx, int from, int to, int depth, int heightLimit, int d,
                      Random random) {
        int node = nodes++;
        int n = to - from;
        size[node] = n;
        feature[node] = -1;
        if (n <= 1 || depth >= heightLimit) {
            return node;
        }
        double[] min = new double[d];
        double[] max = new double[d];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = from; i < to; i++) {
            double[] r = rows[idx[i]];
            for (int j = 0; j < d; j++) {
                min[j] = Math.min(min[j], r[j]);
                max[j] = Math.max(max[j], r[j]);
            }
        }
        int[] varying = new int[d];
        int k = 0;
        for (int j = 0; j < d; j++) {
            if (max[j] > min[j]) {
                varying[k++] = j;
            }
        }
        if (k == 0) {
            return node;
        }
        int f = varying[random.nextInt(k)];
        double p = min[f] + random.nextDouble() * (max[f] - min[f]);
        if (p >= max[f]) {
            p = min[f]; // rounding: keep the maximum on the right so both children hold rows
        }
        // partition idx[from, to): x <= p first
        int mid = from;
        for (int i = from; i < to; i++) {
            if (rows[idx[i]][f] <= p) {
                int tmp = idx[i];
                idx[i] = idx[mid];
                idx[mid] = tmp;
                mid++;
            }
        }
        feature[node] = f;
        split[node] = p;
        left[node] = build(rows, idx, from, mid, depth + 1, heightLimit, d, random);
        right[node] = build(rows, idx, mid, to, depth + 1, heightLimit, d, random);
        return node;
    }

    double pathLength(double[] x) {
        int node = 0;
        int edges = 0;
        while (feature[node] >= 0) {
            node = x[feature[node]] <= split[node] ? left[node] : right[node];
            edges++;
        }
        return edges + IsolationForest.averagePathLength(size[node]);
    }

    void credit(double[] x, double[] credit) {
        int node = 0;
        while (feature[node] >= 0) {
            int child = x[feature[node]] <= split[node] ? left[node] : right[node];
            credit[feature[node]] += Math.log((double) size[node] / size[child]) / Math.log(2);
            node = child;
        }
    }
}
