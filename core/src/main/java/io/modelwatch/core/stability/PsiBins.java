package io.modelwatch.core.stability;

import io.modelwatch.core.binning.EdgeSearch;
import io.modelwatch.core.binning.Quantiles;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.NumberText;
import io.modelwatch.core.data.NumericColumn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Population Stability Index bins frozen from the reference data, with the reference share of each bin. Built
 * once per column from the reference, stored (a Jackson-serialisable record), and applied to every current
 * batch by {@link StabilityIndex}.
 *
 * <ul>
 *   <li><b>Numeric</b> ({@link #numeric}): cut points are the reference quantiles at {@code k/B},
 *   {@code k = 1..B−1} (default B = 10), numpy's default linear interpolation ({@link Quantiles#linear}), with
 *   duplicates removed. With cut points {@code c_1 < ... < c_m} the bins are
 *   {@code (−inf, c_1], (c_1, c_2], ..., (c_m, +inf)}: right-closed like {@code pandas.qcut}, and the outer
 *   bins are open so that current values outside the reference range are counted in them. Ties can leave
 *   fewer than B bins; a constant reference {@code c} gives {@code (−inf, c], (c, +inf)}. Nulls (NaN) are not
 *   binned: shares are of the non-null values.</li>
 *   <li><b>Categorical</b> ({@link #categorical}): one bin per reference category (sorted), then the bin
 *   {@value #UNSEEN} for values absent from the reference (reference share 0). Nulls are not binned.</li>
 * </ul>
 *
 * @param kind            numeric or categorical
 * @param cutPoints       numeric cut points {@code c_1 < ... < c_m}; empty for categorical bins
 * @param categories      reference categories in sorted order; empty for numeric bins
 * @param referenceShares share of the non-null reference values per bin, {@code m + 1} numeric bins or
 *                        {@code categories + 1} categorical bins (the last being {@value #UNSEEN}, share 0)
 * @param referenceCount  non-null reference values
 */
public record PsiBins(Kind kind, double[] cutPoints, List<String> categories, double[] referenceShares,
                      long referenceCount) {

    public enum Kind { NUMERIC, CATEGORICAL }

    public static final int DEFAULT_BINS = 10;
    /** Label of the categorical bin for values the reference did not have. */
    public static final String UNSEEN = "(unseen)";

    public PsiBins {
        Objects.requireNonNull(kind, "kind");
        cutPoints = cutPoints.clone();
        categories = List.copyOf(categories);
        referenceShares = referenceShares.clone();
        int expected = kind == Kind.NUMERIC ? cutPoints.length + 1 : categories.size() + 1;
        if (referenceShares.length != expected) {
            throw new IllegalArgumentException(kind + " PSI bins need " + expected + " reference shares, got "
                    + referenceShares.length);
        }
        if (kind == Kind.NUMERIC && !categories.isEmpty()) {
            throw new IllegalArgumentException("numeric PSI bins cannot have categories " + categories);
        }
        if (kind == Kind.CATEGORICAL && cutPoints.length > 0) {
            throw new IllegalArgumentException("categorical PSI bins cannot have cut points "
                    + Arrays.toString(cutPoints));
        }
        for (int i = 1; i < cutPoints.length; i++) {
            if (!(cutPoints[i] > cutPoints[i - 1])) {
                throw new IllegalArgumentException("PSI cut points must increase, got " + cutPoints[i - 1]
                        + " then " + cutPoints[i]);
            }
        }
    }

    /** Numeric bins with {@value #DEFAULT_BINS} quantile bins. */
    public static PsiBins numeric(double[] sortedReference) {
        return numeric(sortedReference, DEFAULT_BINS);
    }

    /**
     * Numeric bins from an ascending reference sample ({@code Arrays.sort} order: NaN, if any, at the end and
     * ignored). O(B log n).
     *
     * @throws IllegalArgumentException if the sample is not ascending, has no non-null value, or {@code bins < 1}
     */
    public static PsiBins numeric(double[] sortedReference, int bins) {
        int n = sortedReference.length;
        while (n > 0 && Double.isNaN(sortedReference[n - 1])) {
            n--;
        }
        if (n == 0) {
            throw new IllegalArgumentException("PSI reference has no non-null value");
        }
        for (int i = 1; i < n; i++) {
            if (!(sortedReference[i] >= sortedReference[i - 1])) {
                throw new IllegalArgumentException("PSI reference must be sorted ascending: value " + i + " ("
                        + sortedReference[i] + ") follows " + sortedReference[i - 1]);
            }
        }
        double[] sorted = n == sortedReference.length ? sortedReference : Arrays.copyOf(sortedReference, n);
        double[] probs = Quantiles.uniformProbabilities(bins);
        double[] interior = new double[bins - 1];
        for (int k = 1; k < bins; k++) {
            interior[k - 1] = Quantiles.linear(sorted, probs[k]);
        }
        double[] cuts = Quantiles.distinctAscending(interior);
        double[] shares = new double[cuts.length + 1];
        int below = 0;
        for (int i = 0; i < cuts.length; i++) {
            int atOrBelow = EdgeSearch.countAtOrBelow(sorted, cuts[i]);
            shares[i] = (double) (atOrBelow - below) / n;
            below = atOrBelow;
        }
        shares[cuts.length] = (double) (n - below) / n;
        return new PsiBins(Kind.NUMERIC, cuts, List.of(), shares, n);
    }

    /** Numeric bins from a reference column (sorted here, O(n log n)). */
    public static PsiBins numeric(NumericColumn reference, int bins) {
        return numeric(Quantiles.sortedWithoutNaN(reference.values()), bins);
    }

    /** Categorical bins from reference values ({@code null} = missing, ignored). */
    public static PsiBins categorical(String[] reference) {
        Map<String, long[]> counts = new HashMap<>();
        for (String v : reference) {
            if (v != null) {
                counts.computeIfAbsent(v, k -> new long[1])[0]++;
            }
        }
        return categorical(counts);
    }

    /** Categorical bins from a reference column (nulls ignored). */
    public static PsiBins categorical(CategoricalColumn reference) {
        return categorical(reference.dictionary(), reference.counts());
    }

    /** Categorical bins from the counts of distinct labels (zero counts ignored). */
    public static PsiBins categorical(List<String> labels, long[] counts) {
        Map<String, long[]> byLabel = new HashMap<>();
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] > 0) {
                byLabel.computeIfAbsent(labels.get(k), key -> new long[1])[0] += counts[k];
            }
        }
        return categorical(byLabel);
    }

    private static PsiBins categorical(Map<String, long[]> counts) {
        List<String> categories = new ArrayList<>(counts.keySet());
        categories.sort(String::compareTo);
        long total = 0;
        for (long[] c : counts.values()) {
            total += c[0];
        }
        if (total == 0) {
            throw new IllegalArgumentException("PSI reference has no non-null value");
        }
        double[] shares = new double[categories.size() + 1];
        for (int k = 0; k < categories.size(); k++) {
            shares[k] = (double) counts.get(categories.get(k))[0] / total;
        }
        return new PsiBins(Kind.CATEGORICAL, new double[0], categories, shares, total);
    }

    public int binCount() {
        return referenceShares.length;
    }

    /** Bin labels: {@code (-inf, c1]}, ..., {@code (cm, inf)}, or the categories then {@value #UNSEEN}. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>(binCount());
        if (kind == Kind.CATEGORICAL) {
            labels.addAll(categories);
            labels.add(UNSEEN);
            return labels;
        }
        String lower = "-inf";
        for (double c : cutPoints) {
            String upper = NumberText.pythonRepr(c);
            labels.add("(" + lower + ", " + upper + "]");
            lower = upper;
        }
        labels.add("(" + lower + ", inf)");
        return labels;
    }

    /**
     * The bin of a non-NaN numeric value: the number of cut points strictly below it. O(log m). Counting
     * values into {@code long[binCount()]} with it gives the counts of {@link StabilityIndex#countInto}.
     */
    public int numericBin(double v) {
        return EdgeSearch.countBelow(cutPoints, v);
    }

    @Override
    public double[] cutPoints() {
        return cutPoints.clone();
    }

    @Override
    public double[] referenceShares() {
        return referenceShares.clone();
    }

    double referenceShare(int bin) {
        return referenceShares[bin];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PsiBins b && kind == b.kind && Arrays.equals(cutPoints, b.cutPoints)
                && categories.equals(b.categories) && Arrays.equals(referenceShares, b.referenceShares)
                && referenceCount == b.referenceCount;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, Arrays.hashCode(cutPoints), categories, Arrays.hashCode(referenceShares),
                referenceCount);
    }

    @Override
    public String toString() {
        return "PsiBins[" + kind + ", bins=" + labels() + ", referenceShares=" + Arrays.toString(referenceShares)
                + ", referenceCount=" + referenceCount + "]";
    }
}
