package io.modelwatch.core.segments;

import io.modelwatch.core.config.SegmentSpec;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TextBytes;
import io.modelwatch.core.drift.CategoricalSample;
import io.modelwatch.core.performance.ConfusionMatrix;
import io.modelwatch.core.stability.PsiBins;
import io.modelwatch.core.stability.PsiResult;
import io.modelwatch.core.stability.StabilityIndex;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
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
 *
 * <p>{@link SegmentSlots} maps rows to segment slots, {@link SlotCounts} holds the counts per slot and {@link
 * MissedChurners} the examples; the row loop that fills them is here, in one place.
 */
public final class SegmentCounts {

    private final SegmentSpec spec;
    /** Prediction-PSI bins keyed {@code dimension=segment}, as in {@code ReferenceProfile.segmentPredictionBins}. */
    private final Map<String, PsiBins> predictionBins;
    private final int maxExamples;

    private final MissedChurners missed;
    private final SegmentSlots slots;
    private final SlotCounts counts = new SlotCounts();

    private SegmentCounts(SegmentSpec spec, Map<String, PsiBins> predictionBins, int maxExamples) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.predictionBins = Map.copyOf(Objects.requireNonNull(predictionBins, "predictionBins"));
        if (maxExamples < 0) {
            throw new IllegalArgumentException("examples per segment must not be negative, got " + maxExamples);
        }
        this.maxExamples = maxExamples;
        this.missed = new MissedChurners(maxExamples);
        this.slots = new SegmentSlots(spec);
        openNewSlots();
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
        int[] slotOfRow = slots.of(column);
        openNewSlots();
        // the arrays as locals: they grow only in openNewSlots, before the loop
        long[] count = counts.count;
        long[] predictedPositive = counts.predictedPositive;
        long[] cells = counts.cells;
        long[] scoreNulls = counts.scoreNulls;
        long[] finiteScores = counts.finiteScores;
        PsiBins[] binsOfSlot = counts.binsOfSlot;
        long[][] scoreBins = counts.scoreBins;
        for (int i = 0; i < n; i++) {
            int s = slotOfRow[i];
            int p = checkOutcome(yPred[i], i, "yPred");
            int predicted = p < 0 ? 0 : p;
            count[s]++;
            predictedPositive[s] += predicted;
            int t = yTrue == null ? -1 : checkOutcome(yTrue[i], i, "yTrue");
            if (t >= 0) {
                cells[4 * s + 2 * t + predicted]++;
                if (t == 1 && p == 0 && ids != null && missed.wants(s) && !ids.isNull(i)) {
                    missed.add(s, ids.get(i));
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
        for (int t = 0; t < other.slots.size(); t++) {
            int s = t == other.slots.nullSlot() ? slots.nullSlot() : slots.edges != null ? t
                    : slots.categorySlot(other.slots.label(t));
            openNewSlots();
            counts.merge(s, other.counts, t);
        }
        missed.merge(other.missed);
        return this;
    }

    /**
     * Writes the counts: per slot its label and counts, then the missed churners per label (the spec, prediction
     * bins and examples per segment are not written: {@link #readFrom} is given them).
     */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(slots.size());
        for (int t = 0; t < slots.size(); t++) {
            TextBytes.write(out, slots.label(t));
            counts.writeTo(out, t);
        }
        missed.writeTo(out);
    }

    /** Counts written by {@link #writeTo}, of the same dimension, bins and examples per segment. */
    public static SegmentCounts readFrom(DataInput in, SegmentSpec spec, Map<String, PsiBins> predictionBins,
                                         int maxExamples) throws IOException {
        SegmentCounts c = of(spec, predictionBins, maxExamples);
        int slots = in.readInt();
        for (int t = 0; t < slots; t++) {
            String label = TextBytes.read(in);
            // the slots come back in their order: bands (all made by of) or the null slot then the categories
            int s = t < c.slots.size() ? t : c.slots.categorySlot(label);
            c.openNewSlots();
            if (!c.slots.label(s).equals(label)) {
                throw new IllegalArgumentException("segment counts of '" + spec.name() + "': slot " + t + " is '"
                        + label + "', expected '" + c.slots.label(s) + "'");
            }
            c.counts.readFrom(in, s, spec.name(), label);
        }
        c.missed.readFrom(in);
        return c;
    }

    /**
     * The segments' metrics, as {@link SegmentAnalysis#of} gives them for the whole batch: with the labels
     * when {@code labelled}, else as if the batch had none ({@code yTrue = null}).
     */
    public List<SegmentMetrics> metrics(boolean labelled) {
        long[] count = counts.count;
        List<Integer> order = slots.reportOrder(count);
        List<SegmentMetrics> out = new ArrayList<>(order.size());
        long[] cells = counts.cells;
        for (int s : order) {
            ConfusionMatrix cm = labelled ? new ConfusionMatrix(cells[4 * s], cells[4 * s + 1], cells[4 * s + 2],
                    cells[4 * s + 3]) : null;
            out.add(SegmentAnalysis.metrics(spec.name(), slots.label(s), count[s], counts.predictedPositive[s], cm));
        }
        return out;
    }

    /** Ids of the segment's first actual churners predicted 0, in file order (empty when none). */
    public List<String> missedChurners(String segment) {
        return missed.of(segment);
    }

    /** Finite scores in the segment (0 when it has no rows). */
    public long finiteScores(String segment) {
        int s = scoredSlot(segment);
        return s == SegmentSlots.NONE ? 0 : counts.finiteScores[s];
    }

    /**
     * PSI of the segment's scores in its reference bins; null when there are no bins for the segment, or it has
     * no rows or no non-NaN score.
     */
    public PsiResult predictionPsi(String segment, StabilityIndex stability) {
        int s = scoredSlot(segment);
        if (s == SegmentSlots.NONE || counts.scoreBins[s] == null || counts.count[s] == counts.scoreNulls[s]) {
            return null;
        }
        return stability.psiOfCounts(counts.binsOfSlot[s], counts.scoreBins[s], counts.scoreNulls[s]);
    }

    /** The slot whose scores a label names: the last slot of that label with rows (null cells come last). */
    private int scoredSlot(String segment) {
        int nullSlot = slots.nullSlot();
        if (counts.count[nullSlot] > 0 && slots.label(nullSlot).equals(segment)) {
            return nullSlot;
        }
        int s = slots.slotOf(segment);
        return s < 0 || counts.count[s] == 0 ? SegmentSlots.NONE : s;
    }

    /** Opens the counts and example list of every slot made since the last call, in slot order. */
    private void openNewSlots() {
        for (int s = counts.size(); s < slots.size(); s++) {
            String label = slots.label(s);
            counts.open(predictionBins.get(spec.name() + "=" + label));
            missed.open(label);
        }
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
}
