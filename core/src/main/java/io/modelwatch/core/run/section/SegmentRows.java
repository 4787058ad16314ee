package io.modelwatch.core.run.section;

import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.config.SegmentSpec;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.drift.ChunkValueRanks;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.drift.SortedRuns;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.result.SegmentRow;
import io.modelwatch.core.segments.SegmentAnalysis;
import io.modelwatch.core.segments.SegmentCounts;
import io.modelwatch.core.segments.SegmentMetrics;
import io.modelwatch.core.stability.PsiBins;
import io.modelwatch.core.stability.PsiResult;
import io.modelwatch.core.stability.StabilityIndex;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The segments section: per configured dimension an accumulator of counts ({@link #counts}), and from the counts the
 * segment rows against the reference's segments ({@link #rows}); on the reference, the baseline rows and the PSI
 * bins of the predicted probability within each segment.
 */
public final class SegmentRows {

    private final MonitoringConfig config;
    private final StabilityIndex stability;

    public SegmentRows(MonitoringConfig config, StabilityIndex stability) {
        this.config = config;
        this.stability = stability;
    }

    public MonitoringConfig config() {
        return config;
    }

    /**
     * An empty accumulator of a configured segment dimension: the batch's rows (or a file's chunks) go in with
     * {@link SegmentCounts#add}, and {@link #rows} makes the rows.
     *
     * @param profile the reference profile whose per-segment prediction bins give the PSI; null for none
     */
    public SegmentCounts counts(SegmentSpec spec, ReferenceProfile profile) {
        return SegmentCounts.of(spec, profile == null ? Map.of() : profile.segmentPredictionBins(),
                SegmentRow.MAX_EXAMPLES);
    }

    /** The segment rows of a whole batch with its outcomes (the reference's baseline when {@code profile} is null). */
    public List<SegmentRow> of(ColumnBatch batch, Outcomes outcomes, ReferenceProfile profile) {
        StringColumn ids = batch.find(config.roles().id()).filter(StringColumn.class::isInstance)
                .map(StringColumn.class::cast).orElse(null);
        List<SegmentCounts> counts = new ArrayList<>();
        for (SegmentSpec spec : config.segments()) {
            if (batch.has(spec.column())) {
                SegmentCounts c = counts(spec, profile);
                c.add(batch.column(spec.column()), outcomes.yTrue(), outcomes.yPred(), outcomes.score(), ids);
                counts.add(c);
            }
        }
        return rows(counts, outcomes.labelled() > 0, profile);
    }

    /**
     * The segment rows of the counted dimensions (one accumulator per dimension present in the batch, in
     * configuration order), against the reference's segments when {@code profile} is given.
     *
     * @param labelled whether the labels count (the batch's labels have matured); if not, the rows are those
     *                 of a batch without labels
     */
    public List<SegmentRow> rows(List<SegmentCounts> counts, boolean labelled, ReferenceProfile profile) {
        List<SegmentRow> rows = new ArrayList<>();
        Map<String, SegmentRow> baseline = new LinkedHashMap<>();
        if (profile != null) {
            for (SegmentRow r : profile.segments()) {
                baseline.put(r.key(), r);
            }
        }
        for (SegmentCounts c : counts) {
            SegmentSpec spec = c.spec();
            Set<String> seen = new HashSet<>();
            for (SegmentMetrics m : c.metrics(labelled)) {
                String key = m.dimension() + "=" + m.segment();
                seen.add(key);
                SegmentRow base = baseline.get(key);
                Double refRecall = base == null ? null : base.recall();
                long churners = m.churners() == null ? 0 : m.churners();
                Double drop = refRecall != null && m.recall() != null && churners >= config.segmentMinChurners()
                        ? refRecall - m.recall() : null;
                PsiResult shift = c.finiteScores(m.segment()) < SegmentRow.MIN_ROWS_FOR_PSI ? null
                        : c.predictionPsi(m.segment(), stability);
                Double psi = shift == null ? null : shift.value();
                rows.add(new SegmentRow(m.dimension(), m.segment(), m.count(), churners, m.churnRate(), m.recall(),
                        m.precision(), m.predictedPositiveRate(), refRecall, drop, psi,
                        base == null ? 0 : base.count(), base == null ? 0 : base.churners(),
                        labelled ? c.missedChurners(m.segment()) : List.of()));
            }
            // a segment the reference had and today lacks still belongs to the partition (root cause needs it)
            for (SegmentRow base : baseline.values()) {
                if (base.dimension().equals(spec.name()) && !seen.contains(base.key())) {
                    rows.add(new SegmentRow(base.dimension(), base.segment(), 0, 0, null, null, null, null,
                            base.recall(), null, null, base.count(), base.churners(), List.of()));
                }
            }
        }
        return rows;
    }

    /** Per segment key, PSI bins of the predicted probability within that segment of the reference. */
    public Map<String, PsiBins> predictionBins(ColumnBatch reference) {
        return predictionBins(reference, null);
    }

    /**
     * As {@link #predictionBins(ColumnBatch)}, each segment's bins counted from {@code probabilityRanks} (the
     * {@link ChunkValueRanks} of the whole probability column, or null) instead of its values sorted, unless the
     * column holds -0.0 (which a sort puts before 0.0).
     */
    public Map<String, PsiBins> predictionBins(ColumnBatch reference, ChunkValueRanks probabilityRanks) {
        Map<String, PsiBins> out = new LinkedHashMap<>();
        if (!reference.has(config.roles().probability())) {
            return out;
        }
        double[] probability = ColumnCoercion.numeric(reference.column(config.roles().probability())).values();
        boolean ranked = probabilityRanks != null && !probabilityRanks.hasNegativeZero();
        for (SegmentSpec spec : config.segments()) {
            if (!reference.has(spec.column())) {
                continue;
            }
            SegmentAnalysis.Assignment a = SegmentAnalysis.assign(spec,
                    ColumnCoercion.forSegment(spec, reference.column(spec.column())));
            if (ranked) {
                int[][] rowsOf = SegmentBatches.rowsOf(a);
                Map<String, Integer> segmentOf = new LinkedHashMap<>(); // as split keys them: non-empty, by label
                for (int s = 0; s < rowsOf.length; s++) {
                    if (rowsOf[s].length > 0) {
                        segmentOf.put(a.labels().get(s), s);
                    }
                }
                segmentOf.forEach((label, s) -> {
                    SortedRuns runs = probabilityRanks.subset(rowsOf[s]).runs();
                    if (runs.total() > 0) {
                        out.put(spec.name() + "=" + label, PsiBins.numeric(runs.expand(), config.drift().psiBins()));
                    }
                });
                continue;
            }
            a.split(probability).forEach((label, values) -> {
                double[] sorted = NumericSample.of(values).sorted();
                if (sorted.length > 0) {
                    out.put(spec.name() + "=" + label, PsiBins.numeric(sorted, config.drift().psiBins()));
                }
            });
        }
        return out;
    }
}
