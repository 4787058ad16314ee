package io.modelwatch.core.stability;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.drift.SortedRuns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The textbook Population Stability Index used by the alert rules (not Evidently's {@code psi} drift test,
 * which bins reference and current together and lives in {@code drift.tests}):
 *
 * <pre>
 *   PSI = Σ_i (c_i − r_i) · ln(c_i / r_i),   r_i, c_i ← max(share, ε)
 * </pre>
 *
 * where {@code r_i} and {@code c_i} are the reference and current shares of bin i in bins frozen from the
 * reference ({@link PsiBins}), shares being of the non-null values. Both factors use the floored shares, so
 * an empty bin contributes {@code (c − ε)·ln(c/ε)} instead of infinity; default {@code ε = 1e-4}. Common
 * reading: below 0.1 stable, 0.1–0.25 moderate shift, above 0.25 major shift.
 *
 * <p>Cost per column: O(n log B) for numeric data (binary search on the B − 1 cut points), O(n) for
 * dictionary-encoded categorical data; primitive arrays only.
 */
public final class StabilityIndex {

    public static final double DEFAULT_EPSILON = 1e-4;

    private static final StabilityIndex DEFAULTS = new StabilityIndex(DEFAULT_EPSILON);

    private final double epsilon;

    private StabilityIndex(double epsilon) {
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new IllegalArgumentException("PSI epsilon must be in (0, 1), got " + epsilon);
        }
        this.epsilon = epsilon;
    }

    /** Shares floored at {@value #DEFAULT_EPSILON}. */
    public static StabilityIndex withDefaults() {
        return DEFAULTS;
    }

    public static StabilityIndex of(double epsilon) {
        return new StabilityIndex(epsilon);
    }

    public StabilityIndex withEpsilon(double shareFloor) {
        return new StabilityIndex(shareFloor);
    }

    public double epsilon() {
        return epsilon;
    }

    /**
     * PSI of a current column of the matching kind: numeric bins take a {@link NumericColumn}, categorical bins a
     * {@link CategoricalColumn} or {@link StringColumn}.
     */
    public PsiResult psi(PsiBins bins, Column current) {
        if (current instanceof NumericColumn c) {
            return psi(bins, c.values());
        }
        if (current instanceof CategoricalColumn c) {
            return psi(bins, c);
        }
        if (current instanceof StringColumn c) {
            return psi(bins, c);
        }
        throw new IllegalArgumentException("PSI is not defined for column '" + current.name() + "' of type "
                + current.getClass().getSimpleName());
    }

    /** PSI of current numeric values (NaN = null, not binned) in numeric bins. */
    public PsiResult psi(PsiBins bins, double[] current) {
        requireKind(bins, PsiBins.Kind.NUMERIC);
        long[] counts = new long[bins.binCount()];
        long nulls = 0;
        for (double v : current) {
            if (Double.isNaN(v)) {
                nulls++;
            } else {
                counts[bins.numericBin(v)]++;
            }
        }
        return result(bins, counts, nulls);
    }

    /**
     * PSI of current numeric values given as runs of their finite values plus the infinities: the same counts as
     * {@link #psi(PsiBins, double[])}, one binary search per distinct value.
     */
    public PsiResult psiOfRuns(PsiBins bins, SortedRuns finite, long negativeInfinities, long positiveInfinities,
                               long nulls) {
        requireKind(bins, PsiBins.Kind.NUMERIC);
        long[] counts = new long[bins.binCount()];
        double[] values = finite.values();
        int[] runCounts = finite.counts();
        for (int i = 0; i < values.length; i++) {
            counts[bins.numericBin(values[i])] += runCounts[i];
        }
        counts[bins.numericBin(Double.NEGATIVE_INFINITY)] += negativeInfinities;
        counts[bins.numericBin(Double.POSITIVE_INFINITY)] += positiveInfinities;
        return result(bins, counts, nulls);
    }

    /**
     * Adds the numeric bin counts of a piece of the current values to {@code counts} (length
     * {@link PsiBins#binCount()}) and returns how many were NaN: the counts are mergeable, so a column read in
     * chunks gives, through {@link #psiOfCounts}, the same PSI as {@link #psi(PsiBins, double[])} on all values.
     */
    public long countInto(PsiBins bins, double[] values, long[] counts) {
        requireKind(bins, PsiBins.Kind.NUMERIC);
        long nulls = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                nulls++;
            } else {
                counts[bins.numericBin(v)]++;
            }
        }
        return nulls;
    }

    /** PSI from current bin counts gathered with {@link #countInto} (numeric bins). */
    public PsiResult psiOfCounts(PsiBins bins, long[] counts, long nulls) {
        requireKind(bins, PsiBins.Kind.NUMERIC);
        return result(bins, counts.clone(), nulls);
    }

    /** PSI of current categorical values given as counts per label (a label absent from the bins is unseen). */
    public PsiResult psiOfLabelCounts(PsiBins bins, List<String> labels, long[] labelCounts, long nulls) {
        requireKind(bins, PsiBins.Kind.CATEGORICAL);
        Map<String, Integer> binOf = binIndex(bins);
        int unseen = bins.binCount() - 1;
        long[] counts = new long[bins.binCount()];
        for (int k = 0; k < labels.size(); k++) {
            counts[binOf.getOrDefault(labels.get(k), unseen)] += labelCounts[k];
        }
        return result(bins, counts, nulls);
    }

    /** PSI of current categorical values ({@code null} = null, not binned) in categorical bins. */
    public PsiResult psi(PsiBins bins, String[] current) {
        requireKind(bins, PsiBins.Kind.CATEGORICAL);
        Map<String, Integer> binOf = binIndex(bins);
        int unseen = bins.binCount() - 1;
        long[] counts = new long[bins.binCount()];
        long nulls = 0;
        for (String v : current) {
            if (v == null) {
                nulls++;
            } else {
                counts[binOf.getOrDefault(v, unseen)]++;
            }
        }
        return result(bins, counts, nulls);
    }

    /** PSI of a text column in categorical bins, as {@link #psi(PsiBins, String[])} one row at a time. */
    private PsiResult psi(PsiBins bins, StringColumn current) {
        requireKind(bins, PsiBins.Kind.CATEGORICAL);
        Map<String, Integer> binOf = binIndex(bins);
        int unseen = bins.binCount() - 1;
        long[] counts = new long[bins.binCount()];
        long nulls = 0;
        for (int i = 0; i < current.size(); i++) {
            String v = current.get(i);
            if (v == null) {
                nulls++;
            } else {
                counts[binOf.getOrDefault(v, unseen)]++;
            }
        }
        return result(bins, counts, nulls);
    }

    /** PSI of a dictionary-encoded current column in categorical bins: one lookup per dictionary entry. */
    public PsiResult psi(PsiBins bins, CategoricalColumn current) {
        requireKind(bins, PsiBins.Kind.CATEGORICAL);
        Map<String, Integer> binOf = binIndex(bins);
        int unseen = bins.binCount() - 1;
        List<String> dictionary = current.dictionary();
        int[] binOfCode = new int[dictionary.size()];
        for (int k = 0; k < binOfCode.length; k++) {
            binOfCode[k] = binOf.getOrDefault(dictionary.get(k), unseen);
        }
        long[] counts = new long[bins.binCount()];
        long nulls = 0;
        for (int code : current.codes()) {
            if (code == CategoricalColumn.NULL_CODE) {
                nulls++;
            } else {
                counts[binOfCode[code]]++;
            }
        }
        return result(bins, counts, nulls);
    }

    private PsiResult result(PsiBins bins, long[] counts, long nulls) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            throw new IllegalArgumentException("PSI needs at least one non-null current value, got "
                    + nulls + " nulls only");
        }
        List<String> labels = bins.labels();
        List<PsiResult.BinShare> shares = new ArrayList<>(counts.length);
        double psi = 0;
        for (int i = 0; i < counts.length; i++) {
            double r = bins.referenceShare(i);
            double c = (double) counts[i] / total;
            double rf = Math.max(r, epsilon);
            double cf = Math.max(c, epsilon);
            double term = (cf - rf) * Math.log(cf / rf);
            psi += term;
            shares.add(new PsiResult.BinShare(labels.get(i), r, c, term));
        }
        return new PsiResult(psi, epsilon, total, nulls, shares);
    }

    private static Map<String, Integer> binIndex(PsiBins bins) {
        List<String> categories = bins.categories();
        Map<String, Integer> index = new HashMap<>(categories.size() * 2);
        for (int k = 0; k < categories.size(); k++) {
            index.put(categories.get(k), k);
        }
        return index;
    }

    private static void requireKind(PsiBins bins, PsiBins.Kind kind) {
        if (bins.kind() != kind) {
            throw new IllegalArgumentException("these PSI bins are " + bins.kind() + ", the data is " + kind);
        }
    }
}
