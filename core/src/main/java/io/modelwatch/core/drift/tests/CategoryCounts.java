package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.CategoricalSample;
import io.modelwatch.core.drift.DriftTestException;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.drift.SortedRuns;
import io.modelwatch.core.drift.Sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Value counts of reference and current aligned on the union of their values: Evidently's
 * {@code keys = unique(reference) ∪ unique(current)} followed by {@code value_counts()} per sample.
 * Only values observed in at least one sample are keys (a label with count 0 on both sides is dropped,
 * because pandas' {@code unique()} would not see it).
 *
 * <p>Keys are in natural order: numeric order when both samples hold numbers, string order otherwise
 * (the z-test codes the first key as 0; Fisher's test calls the second key "one").
 *
 * <p>Numeric samples are counted from their cached sorted arrays with one merge walk, O(n + m) after the
 * sort, without boxing; a label string is created per distinct value only. A numeric sample paired with a
 * categorical one is converted with {@link CategoricalSample#ofNumbers(double[])}. Instances are
 * confined to one test call (not shared between threads). Numbers compare as
 * primitives, so {@code -0.0} and {@code 0.0} are one key, as in numpy and pandas.
 */
final class CategoryCounts {

    /** The keys of two numeric samples, from which {@link #keys()} builds the labels; else {@code null}. */
    private final double[] numericKeys;
    /** Labels; for numeric keys built on first use (one string per distinct value). */
    private List<String> keys;
    private final long[] reference;
    private final long[] current;
    private final long referenceSize;
    private final long currentSize;

    private CategoryCounts(List<String> keys, double[] numericKeys, long[] reference, long[] current) {
        this.keys = keys;
        this.numericKeys = numericKeys;
        this.reference = reference;
        this.current = current;
        this.referenceSize = Arrays.stream(reference).sum();
        this.currentSize = Arrays.stream(current).sum();
    }

    /**
     * Aligns the counts of two samples of either kind: a numeric sample counts one category per distinct value.
     * Whether a test takes numbers this way is the test's own declaration
     * ({@link io.modelwatch.core.drift.DriftTest#supportedKinds}), checked before it counts.
     *
     * @throws DriftTestException when a sample is empty (Evidently raises on an empty column)
     */
    static CategoryCounts of(Sample reference, Sample current) {
        DriftInputs.requireNonEmpty(reference, current);
        if (reference instanceof NumericSample r && current instanceof NumericSample c) {
            return ofRuns(r.runs(), c.runs());
        }
        return ofCategories(asCategories(reference), asCategories(current));
    }

    /** A categorical view of any sample (numbers become one category per distinct value). */
    static CategoricalSample asCategories(Sample sample) {
        if (sample instanceof NumericSample n) {
            return CategoricalSample.ofNumbers(n.sorted());
        }
        return (CategoricalSample) sample;
    }

    /** Per-value counts of two numeric samples given as runs, in one merge walk over the distinct values. */
    static CategoryCounts ofRuns(SortedRuns ref, SortedRuns cur) {
        int capacity = ref.distinct() + cur.distinct();
        double[] values = new double[capacity];
        long[] refCounts = new long[capacity];
        long[] curCounts = new long[capacity];
        TieGroups g = new TieGroups(ref, cur);
        int k = 0;
        while (g.next()) {
            values[k] = g.value();
            refCounts[k] = g.countA();
            curCounts[k] = g.countB();
            k++;
        }
        return new CategoryCounts(null, Arrays.copyOf(values, k),
                Arrays.copyOf(refCounts, k), Arrays.copyOf(curCounts, k));
    }

    /** Counts of two categorical samples aligned on the union of their observed labels. */
    static CategoryCounts ofCategories(CategoricalSample reference, CategoricalSample current) {
        boolean numeric = reference.numericLabels() && current.numericLabels();
        Comparator<String> order = numeric
                ? Comparator.comparingDouble(Double::parseDouble)
                : Comparator.naturalOrder();
        List<String> union = new ArrayList<>();
        addObserved(reference, union);
        addObserved(current, union);
        List<String> keys = union.stream().distinct().sorted(order).toList();
        long[] refCounts = new long[keys.size()];
        long[] curCounts = new long[keys.size()];
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < keys.size(); k++) {
            index.put(keys.get(k), k);
        }
        accumulate(reference, index, refCounts);
        accumulate(current, index, curCounts);
        return new CategoryCounts(keys, null, refCounts, curCounts);
    }

    private static void addObserved(CategoricalSample sample, List<String> into) {
        long[] counts = sample.counts();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                into.add(sample.labels().get(i));
            }
        }
    }

    private static void accumulate(CategoricalSample sample, Map<String, Integer> index, long[] into) {
        long[] counts = sample.counts();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                into[index.get(sample.labels().get(i))] += counts[i];
            }
        }
    }

    /** The keys in natural order, as labels ({@link CategoricalSample#numberLabel} for numbers). */
    List<String> keys() {
        if (keys == null) {
            List<String> labels = new ArrayList<>(numericKeys.length);
            for (double v : numericKeys) {
                labels.add(CategoricalSample.numberLabel(v));
            }
            keys = List.copyOf(labels);
        }
        return keys;
    }

    int size() {
        return reference.length;
    }

    /** Reference count per key (do not mutate). */
    long[] reference() {
        return reference;
    }

    /** Current count per key (do not mutate). */
    long[] current() {
        return current;
    }

    long referenceSize() {
        return referenceSize;
    }

    long currentSize() {
        return currentSize;
    }

    /** Number of keys observed in the reference (pandas {@code reference.nunique()}). */
    int referenceDistinct() {
        return (int) Arrays.stream(reference).filter(c -> c > 0).count();
    }

    /** Number of keys observed in the current sample. */
    int currentDistinct() {
        return (int) Arrays.stream(current).filter(c -> c > 0).count();
    }
}
