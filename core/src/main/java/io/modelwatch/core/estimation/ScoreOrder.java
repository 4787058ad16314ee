package io.modelwatch.core.estimation;

/** Row order by ascending score, as a primitive index array (stable merge sort, O(n log n), no boxing). */
final class ScoreOrder {

    private ScoreOrder() {
    }

    /** Indices {@code from..to-1} ordered by ascending {@code scores[i]}, ties in index order. */
    static int[] ascending(double[] scores, int from, int to) {
        int n = to - from;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = from + i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    b[k++] = scores[a[j]] < scores[a[i]] ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }
}
