package io.modelwatch.core.drift;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Counts per category of one column (nulls dropped). Categorical tests in Evidently depend only on
 * value counts, so this is their whole input. Labels are kept in a stable natural order: numeric
 * order when the categories came from numbers, string order otherwise (the z-test codes the first
 * sorted key as 0).
 */
public final class CategoricalSample implements Sample {

    private final List<String> labels;
    private final long[] counts;
    private final long total;
    private final boolean numericLabels;

    private CategoricalSample(List<String> labels, long[] counts, boolean numericLabels) {
        this.labels = List.copyOf(labels);
        this.counts = counts;
        this.numericLabels = numericLabels;
        long t = 0;
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("negative category count: " + c);
            }
            t += c;
        }
        this.total = t;
    }

    /** Counts the given string values; nulls are dropped. */
    public static CategoricalSample ofValues(List<String> values) {
        Map<String, Long> counts = new TreeMap<>();
        for (String v : values) {
            if (v != null) {
                counts.merge(v, 1L, Long::sum);
            }
        }
        return ofCounts(counts);
    }

    /** From a label-to-count map; labels are ordered as strings. Zero counts are kept. */
    public static CategoricalSample ofCounts(Map<String, Long> counts) {
        TreeMap<String, Long> sorted = new TreeMap<>(counts);
        return new CategoricalSample(List.copyOf(sorted.keySet()),
                sorted.values().stream().mapToLong(Long::longValue).toArray(), false);
    }

    /**
     * Treats each distinct finite number as a category (Evidently's per-value path for numeric
     * columns with few distinct values). Labels are the numbers in ascending numeric order.
     */
    public static CategoricalSample ofNumbers(double[] values) {
        double[] s = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (double v : s) {
            counts.merge(numberLabel(v), 1L, Long::sum);
        }
        return new CategoricalSample(List.copyOf(counts.keySet()),
                counts.values().stream().mapToLong(Long::longValue).toArray(), true);
    }

    /** The label a number gets as a category: its shortest round-trip decimal form. */
    public static String numberLabel(double v) {
        return Double.toString(v);
    }

    /** Category labels, in natural order. */
    public List<String> labels() {
        return labels;
    }

    /** Count per label, aligned with {@link #labels()} (do not mutate). */
    public long[] counts() {
        return counts;
    }

    /** Count of one label, 0 when absent. */
    public long count(String label) {
        int i = labels.indexOf(label);
        return i < 0 ? 0 : counts[i];
    }

    /** True when the labels stand for numbers (ordered numerically). */
    public boolean numericLabels() {
        return numericLabels;
    }

    @Override
    public long size() {
        return total;
    }

    @Override
    public ColumnKind kind() {
        return ColumnKind.CATEGORICAL;
    }

    @Override
    public String toString() {
        return "CategoricalSample" + labels + Arrays.toString(counts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CategoricalSample c && labels.equals(c.labels) && Arrays.equals(counts, c.counts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(labels, Arrays.hashCode(counts));
    }
}
