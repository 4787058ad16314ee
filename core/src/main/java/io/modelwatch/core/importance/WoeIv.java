package io.modelwatch.core.importance;

import io.modelwatch.core.binning.RadixSort;
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
        checkLengths(x.length, y);
        double[] labelled = new double[x.length];
        int m = 0;
        for (int i = 0; i < x.length; i++) {
            if (checkLabel(y, i) >= 0 && !Double.isNaN(x[i])) {
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
        checkLengths(x.length, y);
        for (int i = 0; i < y.length; i++) {
            checkLabel(y, i);
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
        checkLengths(x.length, y);
        double[] e = checkedEdges(edges);
        for (int i = 0; i < y.length; i++) {
            checkLabel(y, i);
        }
        return binNumeric(e, x, y);
    }

    /** Frozen edges as an array, checked as {@link #evaluateNumericWithEdges} requires. */
    static double[] checkedEdges(List<Double> edges) {
        double[] e = new double[edges.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = Objects.requireNonNull(edges.get(i), "edge " + i);
        }
        checkEdges(e);
        return e;
    }

    public WoeIvResult evaluateCategorical(String[] x, int[] y) {
        checkLengths(x.length, y);
        Map<String, long[]> cells = new HashMap<>();
        long[] missing = new long[2];
        for (int i = 0; i < x.length; i++) {
            int label = checkLabel(y, i);
            if (label < 0) {
                continue;
            }
            long[] c = x[i] == null ? missing : cells.computeIfAbsent(x[i], k -> new long[2]);
            c[label]++;
        }
        return categoricalResult(cells, missing);
    }

    public WoeIvResult evaluateCategorical(CategoricalColumn x, int[] y) {
        Map<String, long[]> cells = new HashMap<>();
        long[] missing = new long[2];
        countCategorical(x, y, cells, missing);
        return categoricalResult(cells, missing);
    }

    /**
     * Adds the labelled rows of {@code x} to the non-event and event counts ({@code [0]}, {@code [1]}) per
     * category label in {@code cells} (labels without a labelled row are not added) and of the null rows in
     * {@code missing}.
     *
     * @throws IllegalArgumentException if the lengths differ or a label is not 0, 1 or -1
     */
    static void countCategorical(CategoricalColumn x, int[] y, Map<String, long[]> cells, long[] missing) {
        int[] codes = x.codes();
        checkLengths(codes.length, y);
        long[][] byCode = new long[x.dictionary().size()][2];
        for (int i = 0; i < codes.length; i++) {
            int label = checkLabel(y, i);
            if (label < 0) {
                continue;
            }
            long[] c = codes[i] == CategoricalColumn.NULL_CODE ? missing : byCode[codes[i]];
            c[label]++;
        }
        for (int k = 0; k < byCode.length; k++) {
            if (byCode[k][0] + byCode[k][1] > 0) {
                cells.merge(x.dictionary().get(k), byCode[k], (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
    }

    WoeIvResult categoricalResult(Map<String, long[]> cells, long[] missing) {
        List<String> labels = new ArrayList<>(cells.keySet());
        labels.sort(String::compareTo);
        boolean hasMissing = missing[0] + missing[1] > 0;
        int b = labels.size() + (hasMissing ? 1 : 0);
        long[] events = new long[b];
        long[] nonEvents = new long[b];
        for (int k = 0; k < labels.size(); k++) {
            long[] c = cells.get(labels.get(k));
            nonEvents[k] = c[0];
            events[k] = c[1];
        }
        if (hasMissing) {
            labels.add(MISSING);
            nonEvents[b - 1] = missing[0];
            events[b - 1] = missing[1];
        }
        String[] intervals = new String[b];
        return result(WoeIvResult.Kind.CATEGORICAL, List.of(), labels, intervals, events, nonEvents);
    }

    private WoeIvResult binNumeric(double[] edges, double[] x, int[] y) {
        int numericBins = Math.max(edges.length - 1, 0);
        long[] events = new long[numericBins + 1]; // last slot: MISSING
        long[] nonEvents = new long[numericBins + 1];
        countNumeric(edges, x, y, events, nonEvents);
        return numericResult(edges, events, nonEvents);
    }

    /**
     * Adds the labelled rows of {@code x} to the event and non-event counts of the bins of {@code edges}, the
     * last slot of each array ({@code edges.length − 1}, or 0 without edges) counting {@value #MISSING}.
     * Labels are not checked here.
     */
    static void countNumeric(double[] edges, double[] x, int[] y, long[] events, long[] nonEvents) {
        int numericBins = Math.max(edges.length - 1, 0);
        for (int i = 0; i < x.length; i++) {
            int label = y[i];
            if (label < 0) {
                continue;
            }
            double v = x[i];
            int bin;
            if (Double.isNaN(v) || numericBins == 0) {
                bin = numericBins;
            } else {
                // (e_i, e_i+1] is bin i; e_0 itself and anything below goes to bin 0, anything above e_B to the last
                bin = Math.min(Math.max(EdgeSearch.countBelow(edges, v) - 1, 0), numericBins - 1);
            }
            if (label == 1) {
                events[bin]++;
            } else {
                nonEvents[bin]++;
            }
        }
    }

    /** The numeric table of counts gathered by {@link #countNumeric}. */
    WoeIvResult numericResult(double[] edges, long[] events, long[] nonEvents) {
        int numericBins = Math.max(edges.length - 1, 0);
        boolean hasMissing = events[numericBins] + nonEvents[numericBins] > 0;
        int b = numericBins + (hasMissing ? 1 : 0);
        List<String> labels = new ArrayList<>(b);
        String[] intervals = new String[b];
        for (int k = 0; k < numericBins; k++) {
            labels.add("bin" + k);
            intervals[k] = (k == 0 ? "[" : "(") + NumberText.pythonRepr(edges[k]) + ", "
                    + NumberText.pythonRepr(edges[k + 1]) + "]";
        }
        if (hasMissing) {
            labels.add(MISSING);
        }
        List<Double> edgeList = new ArrayList<>(edges.length);
        for (double e : edges) {
            edgeList.add(e);
        }
        return result(WoeIvResult.Kind.NUMERIC, edgeList, labels, intervals,
                Arrays.copyOf(events, b), Arrays.copyOf(nonEvents, b));
    }

    private WoeIvResult result(WoeIvResult.Kind kind, List<Double> edges, List<String> labels, String[] intervals,
                               long[] events, long[] nonEvents) {
        int b = events.length;
        long totalEvents = 0;
        long totalNonEvents = 0;
        for (int k = 0; k < b; k++) {
            totalEvents += events[k];
            totalNonEvents += nonEvents[k];
        }
        double smoothedEvents = totalEvents + smoothing * b;
        double smoothedNonEvents = totalNonEvents + smoothing * b;
        List<WoeBin> out = new ArrayList<>(b);
        double ivRaw = 0;
        boolean rawDefined = true;
        double ivSmoothed = 0;
        for (int k = 0; k < b; k++) {
            Double pe = totalEvents == 0 ? null : (double) events[k] / totalEvents;
            Double pne = totalNonEvents == 0 ? null : (double) nonEvents[k] / totalNonEvents;
            Double woeRaw = null;
            if (events[k] > 0 && nonEvents[k] > 0) {
                woeRaw = Math.log(pne / pe);
                ivRaw += (pne - pe) * woeRaw;
            } else {
                rawDefined = false;
            }
            double pes = (events[k] + smoothing) / smoothedEvents;
            double pnes = (nonEvents[k] + smoothing) / smoothedNonEvents;
            double woeSmoothed = Math.log(pnes / pes);
            double contribution = (pnes - pes) * woeSmoothed;
            ivSmoothed += contribution;
            out.add(new WoeBin(labels.get(k), intervals[k], events[k] + nonEvents[k], events[k], nonEvents[k],
                    pe, pne, woeRaw, woeSmoothed, contribution));
        }
        return new WoeIvResult(kind, edges, out, totalEvents, totalNonEvents,
                rawDefined && b > 0 ? ivRaw : null, ivSmoothed);
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

    // ------------------------------------------------------------------ checks

    static void checkLengths(int rows, int[] y) {
        if (y.length != rows) {
            throw new IllegalArgumentException("labels have " + y.length + " rows, the feature has " + rows);
        }
    }

    static int checkLabel(int[] y, int row) {
        int v = y[row];
        if (v != 0 && v != 1 && v != -1) {
            throw new IllegalArgumentException("y[" + row + "] = " + v + ", expected 0, 1 or -1 (no label)");
        }
        return v;
    }

    private static void checkEdges(double[] e) {
        if (e.length < 2) {
            throw new IllegalArgumentException("WoE bins need at least two edges, got " + Arrays.toString(e));
        }
        boolean constant = e.length == 2 && e[0] == e[1];
        for (int i = 0; i < e.length; i++) {
            if (!Double.isFinite(e[i])) {
                throw new IllegalArgumentException("WoE edge " + i + " is " + e[i]);
            }
            if (i > 0 && !(e[i] > e[i - 1]) && !constant) {
                throw new IllegalArgumentException("WoE edges must increase, got " + e[i - 1] + " then " + e[i]);
            }
        }
    }
}
