package io.modelwatch.core.performance;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A sum of finite doubles kept exactly, as a short list of non-overlapping partial sums (Shewchuk's adaptive
 * expansion, the algorithm of Python's {@code math.fsum}), and rounded once when {@link #value() read}: the result is
 * the exact sum correctly rounded to the nearest double (ties to even), so it does not depend on the order in which
 * the terms were added, nor on how they were split into sums {@link #merge merged} later. This is what lets a run
 * split into partitions (Spark) give the log loss, Brier score and reliability means of a run over the whole file,
 * bit for bit. Cost: one pass over the partials per term (two or three for sums of similar terms).
 *
 * <p>Reference: J. R. Shewchuk, "Adaptive Precision Floating-Point Arithmetic and Fast Robust Geometric
 * Predicates" (1997); CPython {@code Modules/mathmodule.c}, {@code math_fsum}, whose final rounding step is the one
 * used here (tested against {@code math.fsum} values). Not thread-safe.
 */
final class ExactSum {

    private double[] partials = new double[4];
    private int size;

    /** Adds a finite term (an infinity or NaN would make the partials meaningless; callers add finite terms). */
    void add(double x) {
        int i = 0;
        for (int j = 0; j < size; j++) {
            double y = partials[j];
            if (Math.abs(x) < Math.abs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) {
                partials[i++] = lo;
            }
            x = hi;
        }
        if (i == partials.length) {
            partials = Arrays.copyOf(partials, 2 * i);
        }
        partials[i] = x;
        size = i + 1;
    }

    /** Adds the exact sum of {@code other} (unchanged). */
    void merge(ExactSum other) {
        for (int j = 0; j < other.size; j++) {
            add(other.partials[j]);
        }
    }

    /** The exact sum, correctly rounded. */
    double value() {
        int n = size;
        if (n == 0) {
            return 0.0;
        }
        double hi = partials[--n];
        double lo = 0.0;
        while (n > 0) {
            double x = hi;
            double y = partials[--n];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0.0) {
                break;
            }
        }
        // round half to even: when the rest below lo has lo's sign, the half-way case rounds away
        if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
            double y = lo * 2;
            double x = hi + y;
            double yr = x - hi;
            if (y == yr) {
                hi = x;
            }
        }
        return hi;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(size);
        for (int j = 0; j < size; j++) {
            out.writeDouble(partials[j]);
        }
    }

    static ExactSum readFrom(DataInput in) throws IOException {
        ExactSum s = new ExactSum();
        int n = in.readInt();
        s.partials = new double[Math.max(4, n)];
        for (int j = 0; j < n; j++) {
            s.partials[j] = in.readDouble();
        }
        s.size = n;
        return s;
    }
}
