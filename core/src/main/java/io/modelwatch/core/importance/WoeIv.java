package io.modelwatch.core.importance;

import io.modelwatch.core.binning.RadixSort;
import io.modelwatch.core.binning.Quantiles;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.NumericColumn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Weight of Evidence and Information Value of a feature against a binary label, event = label 1 (churn).
 * Conventions are those of {@code golden/woe_iv.json} ({@code make_golden.py}, pandas 1.5.3 / numpy):
 *
 * <ul>
 *   <li>{@code WoE_b = ln(distNonEvents_b / distEvents_b)}, {@code distEvents_b = events_b / totalEvents};
 *   {@code IV = Σ_b (distNonEvents_b − distEvents_b)·WoE_b}.</li>
 *   <li><b>Numeric bins</b>: {@code pandas.qcut(x, q=B, duplicates='drop')}, default B = 10: edges are the
 *   {@link Quantiles#linear numpy-linear quantiles} at {@code k/B} of the non-null values, duplicates removed;
 *   bin i is {@code (e_i, e_i+1]}, the first bin closed {@code [e_0, e_1]}. A constant feature has edges
 *   {@code [c, c]} and one bin (WoE = IV = 0). Empty bins (possible with ties) are kept.</li>
 *   <li><b>Categorical bins</b>: one per distinct value, in sorted ({@link String#compareTo}) order.</li>
 *   <li><b>Missing</b>: null / NaN rows form a last bin labelled {@value #MISSING}.</li>
 *   <li><b>Raw</b> values: WoE null for a bin with 0 events or 0 non-events; raw IV null if any bin has one.</li>
 *   <li><b>Smoothed</b> values: add {@code s} (default 0.5) to the event and the non-event count of
 *   <em>every</em> bin: {@code distEvents_b = (events_b + s)/(totalEvents + s·B)}, B counting every bin
 *   including empty and {@value #MISSING} bins.</li>
 * </ul>
 *
 * <p>Rows whose label is {@code -1} (not yet known) are ignored, including for the quantile edges.
 * {@link #numericWithEdges} applies frozen reference edges to other data: values below {@code e_0} fall in the
 * first bin and values above {@code e_B} in the last (the outer bins are open), so that every current row is
 * counted; the interval labels still show the reference edges. Cost: O(n log n) numeric (one sort), O(n)
 * categorical.
 *
 * <p>This class chooses the bins and compares tables; {@link WoeRows} counts the rows into bins and {@link
 * WoeTable} turns the counts into WoE and IV.
 */
public final class WoeIv {

    public static final String MISSING = "MISSING";
    public static final int DEFAULT_BINS = 10;
    public static final double DEFAULT_SMOOTHING = 0.5;

    private static final WoeIv DEFAULTS = new WoeIv(DEFAULT_BINS, DEFAULT_SMOOTHING);

    private final int bins;
    private final double smoothing;

    private WoeIv(int bins, double smoothing) {
        if (bins < 1) {
            throw new IllegalArgumentException("number of WoE bins must be >= 1, got " + bins);
        }
        if (!(smoothing > 0 && Double.isFinite(smoothing))) {
            throw new IllegalArgumentException("WoE smoothing must be a positive count, got " + smoothing);
        }
        this.bins = bins;
        this.smoothing = smoothing;
    }

    /** 10 equal-frequency numeric bins, smoothing 0.5. */
    public static WoeIv withDefaults() {
        return DEFAULTS;
    }

    public static WoeIv of(int bins, double smoothing) {
        return new WoeIv(bins, smoothing);
    }

    public WoeIv withBins(int numericBins) {
        return new WoeIv(numericBins, smoothing);
    }

    public WoeIv withSmoothing(double addedToEachCell) {
        return new WoeIv(bins, addedToEachCell);
    }

    public int bins() {
        return bins;
    }

    public double smoothing() {
        return smoothing;
    }

    // ------------------------------------------------------------------ static entry points with the defaults

    /** WoE/IV of a numeric feature (NaN = missing) with the default settings. */
    public static WoeIvResult numeric(double[] x, int[] y) {
        return DEFAULTS.evaluateNumeric(x, y);
    }

    public static WoeIvResult numeric(NumericColumn x, int[] y) {
        return DEFAULTS.evaluateNumeric(x.values(), y);
    }

    /** {@link #evaluateNumericSorted} with the default settings. */
    public static WoeIvResult numericSorted(double[] x, int[] y, double[] sortedLabelled) {
        return DEFAULTS.evaluateNumericSorted(x, y, sortedLabelled);
    }

    /** WoE/IV of a numeric feature in the given (reference) bins, with the default smoothing. */
    public static WoeIvResult numericWithEdges(List<Double> edges, double[] x, int[] y) {
        return DEFAULTS.evaluateNumericWithEdges(edges, x, y);
    }

    /** WoE/IV of a categorical feature ({@code null} = missing) with the default smoothing. */
    public static WoeIvResult categorical(String[] x, int[] y) {
        return DEFAULTS.evaluateCategorical(x, y);
    }

    public static WoeIvResult categorical(CategoricalColumn x, int[] y) {
        return DEFAULTS.evaluateCategorical(x, y);
    }

    // ------------------------------------------------------------------ evaluation

    public WoeIvResult evaluateNumeric(double[] x, int[] y) {
        WoeRows.checkLengths(x.length, y);
        double[] labelled = new double[x.length];
        int m = 0;
        for (int i = 0; i < x.length; i++) {
            if (WoeRows.checkLabel(y, i) >= 0 && !Double.isNaN(x[i])) {
                labelled[m++] = x[i];
            }
        }
        double[] sorted = Arrays.copyOf(labelled, m);
        RadixSort.sort(sorted);
        return evaluateNumericSorted(x, y, sorted);
    }

    /**
     * {@link #evaluateNumeric} when the caller already holds the labelled non-NaN {@code x} sorted ascending
     * (the reference profile sorts every column; with every row labelled and no infinities that array is it),
     * which saves a sort. The caller vouches for {@code sortedLabelled}; the labels are still checked.
     */
    public WoeIvResult evaluateNumericSorted(double[] x, int[] y, double[] sortedLabelled) {
        WoeRows.checkLengths(x.length, y);
        for (int i = 0; i < y.length; i++) {
            WoeRows.checkLabel(y, i);
        }
        double[] sorted = sortedLabelled;
        int m = sorted.length;
        double[] edges = m == 0 ? new double[0] : Quantiles.equalFrequencyEdges(sorted, bins);
        if (edges.length == 1) {
            edges = new double[] {edges[0], edges[0]}; // constant feature: one bin (pandas gives none)
        }
        return binNumeric(edges, x, y);
    }

    /**
     * WoE/IV in frozen bins, typically the reference's {@link WoeIvResult#edges()}, so that reference and current
     * bins can be compared ({@link #signFlips}).
     *
     * @param edges ascending edges, at least two; strictly increasing except {@code [c, c]} for one constant bin
     */
    public WoeIvResult evaluateNumericWithEdges(List<Double> edges, double[] x, int[] y) {
        WoeRows.checkLengths(x.length, y);
        double[] e = WoeRows.checkedEdges(edges);
        for (int i = 0; i < y.length; i++) {
            WoeRows.checkLabel(y, i);
        }
        return binNumeric(e, x, y);
    }

    public WoeIvResult evaluateCategorical(String[] x, int[] y) {
        WoeRows.checkLengths(x.length, y);
        Map<String, long[]> cells = new HashMap<>();
        long[] missing = new long[2];
        for (int i = 0; i < x.length; i++) {
            int label = WoeRows.checkLabel(y, i);
            if (label < 0) {
                continue;
            }
            long[] c = x[i] == null ? missing : cells.computeIfAbsent(x[i], k -> new long[2]);
            c[label]++;
        }
        return WoeTable.categorical(cells, missing, smoothing);
    }

    public WoeIvResult evaluateCategorical(CategoricalColumn x, int[] y) {
        Map<String, long[]> cells = new HashMap<>();
        long[] missing = new long[2];
        WoeRows.countCategorical(x, y, cells, missing);
        return WoeTable.categorical(cells, missing, smoothing);
    }

    private WoeIvResult binNumeric(double[] edges, double[] x, int[] y) {
        int numericBins = Math.max(edges.length - 1, 0);
        long[] events = new long[numericBins + 1]; // last slot: MISSING
        long[] nonEvents = new long[numericBins + 1];
        WoeRows.countNumeric(edges, x, y, events, nonEvents);
        return WoeTable.numeric(edges, events, nonEvents, smoothing);
    }

    // ------------------------------------------------------------------ comparison of reference and current

    /**
     * {@code 100·(IV_cur − IV_ref)/IV_ref} on the smoothed IVs; null when the reference IV is 0.
     */
    public static Double ivChangePercent(WoeIvResult reference, WoeIvResult current) {
        double ref = reference.ivSmoothed();
        if (ref == 0.0) {
            return null;
        }
        return 100.0 * (current.ivSmoothed() - ref) / ref;
    }

    /**
     * Bins, matched by label, whose smoothed WoE is strictly positive in one result and strictly negative in the
     * other (a WoE of exactly 0 is no flip). Numeric results must share their edges: compute the current one with
     * {@link #numericWithEdges} and the reference's edges.
     *
     * @throws IllegalArgumentException if the kinds differ or numeric edges differ
     */
    public static List<WoeSignFlip> signFlips(WoeIvResult reference, WoeIvResult current) {
        if (reference.kind() != current.kind()) {
            throw new IllegalArgumentException("cannot compare a " + reference.kind() + " WoE table with a "
                    + current.kind() + " one");
        }
        if (!reference.edges().equals(current.edges())) {
            throw new IllegalArgumentException("numeric WoE tables have different edges, reference "
                    + reference.edges() + " vs current " + current.edges()
                    + "; bin the current data with WoeIv.numericWithEdges(reference.edges(), ...)");
        }
        List<WoeSignFlip> flips = new ArrayList<>();
        for (WoeBin r : reference.bins()) {
            WoeBin c = current.bin(r.label());
            if (c != null && Math.signum(r.woeSmoothed()) * Math.signum(c.woeSmoothed()) < 0) {
                flips.add(new WoeSignFlip(r.label(), r.interval(), r.woeSmoothed(), c.woeSmoothed()));
            }
        }
        return flips;
    }
}
