package io.modelwatch.core.segments;

import io.modelwatch.core.binning.KeyHash;
import io.modelwatch.core.config.SegmentSpec;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.drift.CategoricalSample;
import io.modelwatch.core.performance.ConfusionMatrix;
import io.modelwatch.core.stability.PsiBins;
import io.modelwatch.core.stability.PsiResult;
import io.modelwatch.core.stability.StabilityIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The segment analysis of one configured dimension, accumulated chunk by chunk: a batch read in chunks gives
 * exactly what {@link SegmentAnalysis#of} gives on the whole batch, plus what a monitoring run shows next to
 * each segment (the first few missed churners, the drift of the predicted probability within the segment).
 *
 * <p>Per chunk, {@link #add} takes the dimension's column (numeric for bands; categorical, or numeric whose
 * values become categories labelled {@link CategoricalSample#numberLabel}), the labels {@code yTrue} (0/1,
 * {@code -1} = no label yet), the predicted classes {@code yPred} (0/1, {@code -1} = no prediction, counted as
 * "no churn" as the segment rates need), the scores (NaN = missing) and the ids (null = no id column).
 * Categories are keyed by their label, so chunks whose dictionaries differ (a dictionary that grows from
 * chunk to chunk, or numbers turned into categories per chunk) add up correctly.
 *
 * <p>Exact: every result is a function of integer counts per segment, so it equals the whole-batch result
 * bit for bit, whatever the chunking and merge order, provided {@link #merge} is given the later rows:
 * <ul>
 *   <li>{@link #metrics(boolean)} equals {@code SegmentAnalysis.of(spec, column, labelled ? yTrue : null,
 *       yPredOrZero)}, in the same segment order; labels are counted either way, so a caller that learns only
 *       after the last chunk whether the labels count (label coverage) asks for either result;</li>
 *   <li>{@link #missedChurners} keeps, per segment label, the ids of the first {@code maxExamples} rows in
 *       file order with label 1, prediction 0 and an id;</li>
 *   <li>{@link #predictionPsi} equals {@link StabilityIndex#psi(PsiBins, double[])} of the segment's scores in
 *       its reference bins (bin counts, via {@link PsiBins#numericBin}); {@link #finiteScores} counts the
 *       segment's finite scores.</li>
 * </ul>
 * Lookups by segment label follow the whole-batch convention of a label-keyed map: should a category be
 * literally named {@value SegmentAnalysis#MISSING} next to null cells, both share one example list, and
 * the null segment, when it has rows, gives the scores.
 *
 * <p>Memory: O(S·(B + K)) for S segments seen (distinct categories, or bands + 2), B prediction-PSI bins and
 * K examples, plus one int per row of the chunk being added; nothing grows with the row count. Not
 * thread-safe.
 */
public final class SegmentCounts {

    private static final int NONE = -1;
    private static final int UNSEEN_CODE = -2;

    private final SegmentSpec spec;
    /** Band edges; null for a categorical dimension. */
    private final double[] edges;
    /** Prediction-PSI bins keyed {@code dimension=segment}, as in {@code ReferenceProfile.segmentPredictionBins}. */
    private final Map<String, PsiBins> predictionBins;
    private final int maxExamples;

    /** Segment labels by slot: bands then out of bands then missing; or missing (nulls) then categories. */
    private final List<String> labels = new ArrayList<>();
    private final int nullSlot;
    private final Map<String, Integer> slotOfCategory = new HashMap<>();
    private final SlotOfNumber slotOfNumber = new SlotOfNumber();

    private long[] count = new long[0];
    private long[] predictedPositive = new long[0];
    /** Four confusion cells per slot over labelled rows: tn, fp, fn, tp. */
    private long[] cells = new long[0];
    private long[] scoreNulls = new long[0];
    private long[] finiteScores = new long[0];
    private PsiBins[] binsOfSlot = new PsiBins[0];
    private long[][] scoreBins = new long[0][];
    /** Per segment label, the ids of the first missed churners; a slot points to its label's list. */
    private final Map<String, List<String>> missed = new LinkedHashMap<>();
    private List<List<String>> missedOfSlot = new ArrayList<>();

    private SegmentCounts(SegmentSpec spec, Map<String, PsiBins> predictionBins, int maxExamples) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.predictionBins = Map.copyOf(Objects.requireNonNull(predictionBins, "predictionBins"));
        if (maxExamples < 0) {
            throw new IllegalArgumentException("examples per segment must not be negative, got " + maxExamples);
        }
        this.maxExamples = maxExamples;
        if (spec.isBanded()) {
            edges = SegmentAnalysis.edges(spec);
            for (String label : SegmentAnalysis.bandLabels(edges)) {
                newSlot(label);
            }
            nullSlot = labels.size() - 1;
        } else {
            edges = null;
            nullSlot = newSlot(SegmentAnalysis.MISSING);
        }
    }

    /**
     * An empty accumulator.
     *
     * @param spec           the segment dimension
     * @param predictionBins prediction-PSI bins per segment key {@code dimension=segment} (the reference
     *                       profile's), empty for no PSI
     * @param maxExamples    missed-churner ids kept per segment
     */
    public static SegmentCounts of(SegmentSpec spec, Map<String, PsiBins> predictionBins, int maxExamples) {
        return new SegmentCounts(spec, predictionBins, maxExamples);
    }

    public SegmentSpec spec() {
        return spec;
    }

    /**
     * Adds the rows of one chunk, which follow every row added before.
     *
     * @param column the dimension's column: numeric for a banded spec, categorical or numeric otherwise
     * @param yTrue  0/1 labels, {@code -1} for no label; null when the chunk has no labels at all
     * @param yPred  0/1 predicted classes, {@code -1} for no prediction
     * @param score  predicted probabilities, NaN = missing; null when there are none
     * @param ids    row ids, null cells allowed; null when there is no id column
     * @throws IllegalArgumentException if the column's type does not fit the spec, a length differs or a
     *                                  label or class is not 0, 1 or -1
     */
    public void add(Column column, int[] yTrue, int[] yPred, double[] score, StringColumn ids) {
        int n = column.size();
        checkLength(yTrue, n, "yTrue");
        checkLength(yPred, n, "yPred");
        if (score != null && score.length != n) {
            throw new IllegalArgumentException(lengthMessage("score", score.length, n));
        }
        if (ids != null && ids.size() != n) {
            throw new IllegalArgumentException(lengthMessage("ids", ids.size(), n));
        }
        int[] slotOfRow = slots(column);
        for (int i = 0; i < n; i++) {
            int s = slotOfRow[i];
            int p = checkOutcome(yPred[i], i, "yPred");
            int predicted = p < 0 ? 0 : p;
            count[s]++;
            predictedPositive[s] += predicted;
            int t = yTrue == null ? -1 : checkOutcome(yTrue[i], i, "yTrue");
            if (t >= 0) {
                cells[4 * s + 2 * t + predicted]++;
                if (t == 1 && p == 0 && ids != null && !ids.isNull(i)) {
                    List<String> examples = missedOfSlot.get(s);
                    if (examples.size() < maxExamples) {
                        examples.add(ids.get(i));
                    }
                }
            }
            double v = score == null ? Double.NaN : score[i];
            if (Double.isNaN(v)) {
                scoreNulls[s]++;
            } else {
                if (Double.isFinite(v)) {
                    finiteScores[s]++;
                }
                if (binsOfSlot[s] != null) {
                    scoreBins[s][binsOfSlot[s].numericBin(v)]++;
                }
            }
        }
    }

    /**
     * Adds the counts of {@code other}, whose rows all follow this one's (file order decides the examples).
     *
     * @return this accumulator
     * @throws IllegalArgumentException if the two count another dimension or with other PSI bins or examples
     */
    public SegmentCounts merge(SegmentCounts other) {
        if (other == this) {
            throw new IllegalArgumentException("cannot merge segment counts with themselves");
        }
        if (!spec.equals(other.spec) || !predictionBins.equals(other.predictionBins)
                || maxExamples != other.maxExamples) {
            throw new IllegalArgumentException("cannot merge segment counts of " + other.spec + " into " + spec
                    + " (specs, prediction bins and examples per segment must match)");
        }
        for (int t = 0; t < other.labels.size(); t++) {
            int s = t == other.nullSlot ? nullSlot : edges != null ? t : categorySlot(other.labels.get(t));
            count[s] += other.count[t];
            predictedPositive[s] += other.predictedPositive[t];
            for (int c = 0; c < 4; c++) {
                cells[4 * s + c] += other.cells[4 * t + c];
            }
            scoreNulls[s] += other.scoreNulls[t];
            finiteScores[s] += other.finiteScores[t];
            if (scoreBins[s] != null) {
                for (int b = 0; b < scoreBins[s].length; b++) {
                    scoreBins[s][b] += other.scoreBins[t][b];
                }
            }
        }
        other.missed.forEach((label, ids) -> {
            List<String> examples = missed.get(label);
            for (int k = 0; k < ids.size() && examples.size() < maxExamples; k++) {
                examples.add(ids.get(k));
            }
        });
        return this;
    }

    /**
     * Writes the counts: per slot its label and counts, then the missed churners per label (the spec, prediction
     * bins and examples per segment are not written: {@link #readFrom} is given them).
     */
    public void writeTo(java.io.DataOutput out) throws java.io.IOException {
        out.writeInt(labels.size());
        for (int t = 0; t < labels.size(); t++) {
            writeText(out, labels.get(t));
            out.writeLong(count[t]);
            out.writeLong(predictedPositive[t]);
            for (int c = 0; c < 4; c++) {
                out.writeLong(cells[4 * t + c]);
            }
            out.writeLong(scoreNulls[t]);
            out.writeLong(finiteScores[t]);
            out.writeInt(scoreBins[t] == null ? -1 : scoreBins[t].length);
            if (scoreBins[t] != null) {
                for (long b : scoreBins[t]) {
                    out.writeLong(b);
                }
            }
        }
        out.writeInt(missed.size());
        for (Map.Entry<String, List<String>> e : missed.entrySet()) {
            writeText(out, e.getKey());
            out.writeInt(e.getValue().size());
            for (String id : e.getValue()) {
                writeText(out, id);
            }
        }
    }

    /** Counts written by {@link #writeTo}, of the same dimension, bins and examples per segment. */
    public static SegmentCounts readFrom(java.io.DataInput in, SegmentSpec spec, Map<String, PsiBins> predictionBins,
                                         int maxExamples) throws java.io.IOException {
        SegmentCounts c = of(spec, predictionBins, maxExamples);
        int slots = in.readInt();
        for (int t = 0; t < slots; t++) {
            String label = readText(in);
            // the slots come back in their order: bands (all made by of) or the null slot then the categories
            int s = t < c.labels.size() ? t : c.categorySlot(label);
            if (!c.labels.get(s).equals(label)) {
                throw new IllegalArgumentException("segment counts of '" + spec.name() + "': slot " + t + " is '"
                        + label + "', expected '" + c.labels.get(s) + "'");
            }
            c.count[s] = in.readLong();
            c.predictedPositive[s] = in.readLong();
            for (int k = 0; k < 4; k++) {
                c.cells[4 * s + k] = in.readLong();
            }
            c.scoreNulls[s] = in.readLong();
            c.finiteScores[s] = in.readLong();
            int bins = in.readInt();
            if (bins != (c.scoreBins[s] == null ? -1 : c.scoreBins[s].length)) {
                throw new IllegalArgumentException("segment counts of '" + spec.name() + "': other prediction bins for '"
                        + label + "'");
            }
            for (int b = 0; b < bins; b++) {
                c.scoreBins[s][b] = in.readLong();
            }
        }
        int labelled = in.readInt();
        for (int k = 0; k < labelled; k++) {
            List<String> examples = c.missed.computeIfAbsent(readText(in), l -> new ArrayList<>());
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                examples.add(readText(in));
            }
        }
        return c;
    }

    private static void writeText(java.io.DataOutput out, String text) throws java.io.IOException {
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(java.io.DataInput in) throws java.io.IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The segments' metrics, as {@link SegmentAnalysis#of} gives them for the whole batch: with the labels
     * when {@code labelled}, else as if the batch had none ({@code yTrue = null}).
     */
    public List<SegmentMetrics> metrics(boolean labelled) {
        List<Integer> order = new ArrayList<>();
        if (edges != null) {
            int bands = edges.length - 1;
            for (int s = 0; s < labels.size(); s++) {
                if (s < bands || count[s] > 0) {
                    order.add(s);
                }
            }
        } else {
            for (int s = 0; s < labels.size(); s++) {
                if (s != nullSlot && count[s] > 0) {
                    order.add(s);
                }
            }
            order.sort((a, b) -> labels.get(a).compareTo(labels.get(b)));
            if (count[nullSlot] > 0) {
                order.add(nullSlot);
            }
        }
        List<SegmentMetrics> out = new ArrayList<>(order.size());
        for (int s : order) {
            ConfusionMatrix cm = labelled ? new ConfusionMatrix(cells[4 * s], cells[4 * s + 1], cells[4 * s + 2],
                    cells[4 * s + 3]) : null;
            out.add(SegmentAnalysis.metrics(spec.name(), labels.get(s), count[s], predictedPositive[s], cm));
        }
        return out;
    }

    /** Ids of the segment's first actual churners predicted 0, in file order (empty when none). */
    public List<String> missedChurners(String segment) {
        List<String> examples = missed.get(segment);
        return examples == null ? List.of() : List.copyOf(examples);
    }

    /** Finite scores in the segment (0 when it has no rows). */
    public long finiteScores(String segment) {
        int s = scoredSlot(segment);
        return s == NONE ? 0 : finiteScores[s];
    }

    /**
     * PSI of the segment's scores in its reference bins; null when there are no bins for the segment, or it has
     * no rows or no non-NaN score.
     */
    public PsiResult predictionPsi(String segment, StabilityIndex stability) {
        int s = scoredSlot(segment);
        if (s == NONE || scoreBins[s] == null || count[s] == scoreNulls[s]) {
            return null;
        }
        return stability.psiOfCounts(binsOfSlot[s], scoreBins[s], scoreNulls[s]);
    }

    // ------------------------------------------------------------------------------------------ slots

    /** The slot whose scores a label names: the last slot of that label with rows (null cells come last). */
    private int scoredSlot(String segment) {
        if (count[nullSlot] > 0 && labels.get(nullSlot).equals(segment)) {
            return nullSlot;
        }
        Integer s = edges == null ? slotOfCategory.get(segment) : Integer.valueOf(labels.indexOf(segment));
        return s == null || s < 0 || count[s] == 0 ? NONE : s;
    }

    private int[] slots(Column column) {
        int n = column.size();
        int[] slotOfRow = new int[n];
        if (edges != null) {
            if (!(column instanceof NumericColumn numeric)) {
                throw new IllegalArgumentException("column '" + column.name() + "' must be numeric, but was read as "
                        + column.getClass().getSimpleName());
            }
            double[] values = numeric.values();
            for (int i = 0; i < n; i++) {
                slotOfRow[i] = SegmentAnalysis.band(edges, values[i]);
            }
        } else if (column instanceof CategoricalColumn categorical) {
            int[] codes = categorical.codes();
            int[] slotOfCode = new int[categorical.dictionary().size()];
            Arrays.fill(slotOfCode, UNSEEN_CODE);
            for (int i = 0; i < n; i++) {
                int code = codes[i];
                if (code == CategoricalColumn.NULL_CODE) {
                    slotOfRow[i] = nullSlot;
                } else {
                    if (slotOfCode[code] == UNSEEN_CODE) {
                        slotOfCode[code] = categorySlot(categorical.dictionary().get(code));
                    }
                    slotOfRow[i] = slotOfCode[code];
                }
            }
        } else if (column instanceof NumericColumn numeric) {
            // a categorical dimension whose values happen to be numbers: each number is a category
            double[] values = numeric.values();
            for (int i = 0; i < n; i++) {
                double v = values[i];
                if (Double.isNaN(v)) {
                    slotOfRow[i] = nullSlot;
                } else {
                    int s = slotOfNumber.get(v);
                    if (s == NONE) {
                        s = categorySlot(CategoricalSample.numberLabel(v));
                        slotOfNumber.put(v, s);
                    }
                    slotOfRow[i] = s;
                }
            }
        } else {
            throw new IllegalArgumentException("column '" + column.name() + "' must be categorical, but was read as "
                    + column.getClass().getSimpleName());
        }
        return slotOfRow;
    }

    private int categorySlot(String label) {
        Integer s = slotOfCategory.get(label);
        if (s == null) {
            s = newSlot(label);
            slotOfCategory.put(label, s);
        }
        return s;
    }

    private int newSlot(String label) {
        int s = labels.size();
        labels.add(label);
        if (s == count.length) {
            int capacity = Math.max(8, 2 * s);
            count = Arrays.copyOf(count, capacity);
            predictedPositive = Arrays.copyOf(predictedPositive, capacity);
            cells = Arrays.copyOf(cells, 4 * capacity);
            scoreNulls = Arrays.copyOf(scoreNulls, capacity);
            finiteScores = Arrays.copyOf(finiteScores, capacity);
            binsOfSlot = Arrays.copyOf(binsOfSlot, capacity);
            scoreBins = Arrays.copyOf(scoreBins, capacity);
        }
        PsiBins bins = predictionBins.get(spec.name() + "=" + label);
        binsOfSlot[s] = bins;
        scoreBins[s] = bins == null ? null : new long[bins.binCount()];
        missedOfSlot.add(missed.computeIfAbsent(label, k -> new ArrayList<>()));
        return s;
    }

    private void checkLength(int[] values, int rows, String what) {
        if (values != null && values.length != rows) {
            throw new IllegalArgumentException(lengthMessage(what, values.length, rows));
        }
    }

    private String lengthMessage(String what, int length, int rows) {
        return "segment '" + spec.name() + "': " + what + " has " + length + " rows, the column has " + rows;
    }

    private static int checkOutcome(int v, int row, String what) {
        if (v != 0 && v != 1 && v != -1) {
            throw new IllegalArgumentException(what + "[" + row + "] = " + v + ", expected 0, 1 or -1");
        }
        return v;
    }

    /** Slot of each distinct number (by its bits; NaN never enters), open addressing with linear probing. */
    private static final class SlotOfNumber {
        private long[] keys = new long[16];
        private int[] slots = filledWithNone(16);
        private int size;

        int get(double v) {
            long bits = Double.doubleToRawLongBits(v);
            int mask = keys.length - 1;
            for (int i = KeyHash.of(bits) & mask; ; i = (i + 1) & mask) {
                if (slots[i] == NONE || keys[i] == bits) {
                    return slots[i];
                }
            }
        }

        void put(double v, int slot) {
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            insert(Double.doubleToRawLongBits(v), slot);
            size++;
        }

        private void insert(long bits, int slot) {
            int mask = keys.length - 1;
            int i = KeyHash.of(bits) & mask;
            while (slots[i] != NONE && keys[i] != bits) {
                i = (i + 1) & mask;
            }
            keys[i] = bits;
            slots[i] = slot;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldSlots = slots;
            keys = new long[2 * oldKeys.length];
            slots = filledWithNone(keys.length);
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldSlots[i] != NONE) {
                    insert(oldKeys[i], oldSlots[i]);
                }
            }
        }


        private static int[] filledWithNone(int length) {
            int[] a = new int[length];
            Arrays.fill(a, NONE);
            return a;
        }
    }
}
