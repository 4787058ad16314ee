package io.modelwatch.core.estimation;

/**
 * A confusion matrix whose cells are expected counts: with {@code q_i} the probability that row {@code i}
 * is actually 1 and {@code ŷ_i} its predicted class,
 * {@code TP = Σ_{ŷ=1} q_i, FP = Σ_{ŷ=1} (1 − q_i), FN = Σ_{ŷ=0} q_i, TN = Σ_{ŷ=0} (1 − q_i)}.
 * With 0/1 labels as {@code q} it is the realised confusion matrix.
 */
public record ExpectedConfusion(double tp, double fp, double fn, double tn) {

    static ExpectedConfusion of(double[] q, int[] predicted, int from, int to) {
        double tp = 0;
        double fp = 0;
        double fn = 0;
        double tn = 0;
        for (int i = from; i < to; i++) {
            if (predicted[i] == 1) {
                tp += q[i];
                fp += 1 - q[i];
            } else {
                fn += q[i];
                tn += 1 - q[i];
            }
        }
        return new ExpectedConfusion(tp, fp, fn, tn);
    }
}
