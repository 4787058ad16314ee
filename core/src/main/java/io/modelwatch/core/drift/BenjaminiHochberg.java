package io.modelwatch.core.drift;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The Benjamini–Hochberg step-up procedure (Benjamini and Hochberg, "Controlling the false discovery rate", JRSS B
 * 57(1), 1995), which keeps the expected share of false rejections among m simultaneous tests at most {@code q}
 * (for independent or positively dependent p-values).
 *
 * <p>With the p-values sorted {@code p(1) <= ... <= p(m)}, the adjusted p-value of the i-th smallest is
 * {@code min over j >= i of min(1, m p(j) / j)} (R's {@code p.adjust(method = "BH")}, statsmodels'
 * {@code multipletests(method="fdr_bh")}); a hypothesis is rejected when its adjusted p-value is {@code <= q},
 * which is the same as rejecting the k smallest for the largest k with {@code p(k) <= k q / m}.
 *
 * @param q the false-discovery rate, in (0, 1)
 */
public record BenjaminiHochberg(double q) {

    public BenjaminiHochberg {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("false-discovery rate must be in (0, 1), got " + q);
        }
    }

    public static BenjaminiHochberg of(double q) {
        return new BenjaminiHochberg(q);
    }

    /**
     * The adjusted p-values, in the order of {@code p}.
     *
     * @throws IllegalArgumentException when a p-value is not in [0, 1]
     */
    public static double[] adjust(double[] p) {
        int m = p.length;
        for (int i = 0; i < m; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("p-value " + i + " is " + p[i] + ", expected a value in [0, 1]");
            }
        }
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[m];
        double running = 1;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, Math.min(1, m * p[i] / rank));
            adjusted[i] = running;
        }
        return adjusted;
    }

    /** Whether each hypothesis is rejected at this rate, in the order of {@code p}. */
    public boolean[] rejected(double[] p) {
        double[] adjusted = adjust(p);
        boolean[] out = new boolean[adjusted.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = adjusted[i] <= q;
        }
        return out;
    }
}
