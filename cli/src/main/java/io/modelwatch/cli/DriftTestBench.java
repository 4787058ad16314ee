package io.modelwatch.cli;

import io.modelwatch.core.drift.CategoricalSample;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftResult;
import io.modelwatch.core.drift.DriftTest;
import io.modelwatch.core.drift.DriftTestException;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.drift.Sample;
import io.modelwatch.core.drift.StatTestRegistry;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * {@code monitor bench --drift-tests}: the time of each registered drift test on columns of the system's target
 * size (the measurements the unit tests used to bound with wall-clock asserts). Inputs, seeded so every run sees
 * the same data:
 * <ul>
 *   <li>numeric: {@code rows} standard normal values per side, the current side shifted by 0.3;</li>
 *   <li>numeric with 5 values: the rounded absolute value of the same draws capped at 4 (what the automatic choice
 *       sends to chisquare and z);</li>
 *   <li>categorical: 5 labels counted over {@code rows} per side, the current shares moved by one point.</li>
 * </ul>
 * Each test runs on every input of a kind it declares, {@code repeats} times; the best wall time is printed (the
 * first run includes the JIT). The samples' sort caches are filled before timing, as a profile's are.
 */
final class DriftTestBench {

    private final int rows;
    private final int repeats;

    DriftTestBench(int rows, int repeats) {
        if (rows < 2 || repeats < 1) {
            throw new IllegalArgumentException("--rows must be at least 2 and --repeats at least 1, got " + rows
                    + " and " + repeats);
        }
        this.rows = rows;
        this.repeats = repeats;
    }

    /** Prints one line per (test, input): the best time in milliseconds, the score and the verdict. */
    void run(PrintStream out) {
        SplittableRandom rng = new SplittableRandom(11);
        double[] ref = new double[rows];
        double[] cur = new double[rows];
        double[] refFew = new double[rows];
        double[] curFew = new double[rows];
        for (int i = 0; i < rows; i++) {
            ref[i] = rng.nextGaussian();
            cur[i] = rng.nextGaussian() + 0.3;
            refFew[i] = Math.min(4, Math.rint(Math.abs(ref[i])));
            curFew[i] = Math.min(4, Math.rint(Math.abs(cur[i])));
        }
        Sample[][] inputs = {
            {sorted(NumericSample.of(ref)), sorted(NumericSample.of(cur))},
            {sorted(NumericSample.of(refFew)), sorted(NumericSample.of(curFew))},
            {labels(new double[] {0.40, 0.30, 0.20, 0.09, 0.01}), labels(new double[] {0.39, 0.31, 0.20, 0.10, 0.00})}};
        String[] names = {"numeric", "numeric, 5 values", "categorical"};
        out.printf(Locale.ROOT, "Drift tests on %,d rows per side, best of %d runs%n", rows, repeats);
        out.printf(Locale.ROOT, "%-17s %-18s %10s %14s %8s%n", "test", "input", "best ms", "score", "drift");
        for (DriftTest test : StatTestRegistry.defaults().all()) {
            for (int k = 0; k < inputs.length; k++) {
                ColumnKind kind = inputs[k][0].kind();
                if (!test.accepts(kind)) {
                    continue;
                }
                long best = Long.MAX_VALUE;
                DriftResult r = null;
                try {
                    for (int i = 0; i < repeats; i++) {
                        long t0 = System.nanoTime();
                        r = test.test(inputs[k][0], inputs[k][1]);
                        best = Math.min(best, System.nanoTime() - t0);
                    }
                } catch (DriftTestException e) {
                    out.printf(Locale.ROOT, "%-17s %-18s undefined: %s%n", test.name(), names[k], e.getMessage());
                    continue;
                }
                out.printf(Locale.ROOT, "%-17s %-18s %10.1f %14.6g %8s%n", test.name(), names[k], best / 1e6,
                        r.score(), r.drifted() ? "yes" : "no");
            }
        }
    }

    private static NumericSample sorted(NumericSample s) {
        s.sorted();
        return s;
    }

    private CategoricalSample labels(double[] shares) {
        String[] names = {"a", "b", "c", "d", "e"};
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < shares.length; i++) {
            counts.put(names[i], Math.round(shares[i] * rows));
        }
        return CategoricalSample.ofCounts(counts);
    }
}
