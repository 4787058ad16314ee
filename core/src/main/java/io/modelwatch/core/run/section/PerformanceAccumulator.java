package io.modelwatch.core.run.section;

import io.modelwatch.core.result.ConceptDrift;
import io.modelwatch.core.result.ImportanceRow;
import io.modelwatch.core.result.PerformanceSection;
import io.modelwatch.core.result.SegmentRow;

import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.config.SegmentSpec;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.estimation.EstimatedPerformance;
import io.modelwatch.core.importance.WoeIvCounts;
import io.modelwatch.core.importance.WoeIvResult;
import io.modelwatch.core.performance.ClassificationReport;
import io.modelwatch.core.performance.OutcomeCounts;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.segments.SegmentCounts;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The performance section of a current batch, chunk by chunk: {@link OutcomeCounts} for classification quality,
 * the CBPE estimate and the concept-drift rates, {@link SegmentCounts} per segment dimension and
 * {@link WoeIvCounts} per watched feature. Whether the labels count (label coverage at least
 * {@code labels.min_coverage}) is only known after the last chunk, so every count is kept with and without
 * labels. {@code MonitoringPipeline.performance} is this accumulator over one chunk, so a batch in memory and
 * the same rows streamed give the same section.
 */
public final class PerformanceAccumulator {

    private final MonitoringConfig config;
    private final SegmentRows segmentSection;
    private final ImportanceRows importanceSection;
    private final ReferenceProfile profile;
    private OutcomeCounts outcomes = OutcomeCounts.of();
    private final List<SegmentCounts> segments = new ArrayList<>();
    private final List<FeatureSpec> watched;
    private final List<WoeIvCounts> woe = new ArrayList<>();

    private PerformanceAccumulator(SegmentRows segmentRows, ImportanceRows importance, ReferenceProfile profile,
                                   ColumnBatch first) {
        this.config = segmentRows.config();
        this.segmentSection = segmentRows;
        this.importanceSection = importance;
        this.profile = profile;
        for (SegmentSpec spec : config.segments()) {
            if (first.has(spec.column())) {
                segments.add(segmentRows.counts(spec, profile));
            }
        }
        watched = importance.watched(profile, first);
        for (FeatureSpec f : watched) {
            woe.add(WoeIvCounts.of(profile.woe().get(f.name())));
        }
    }

    /**
     * The performance section of a batch read in chunks; the segment dimensions and watched features are those
     * present in {@code first}.
     */
    public static PerformanceAccumulator of(SegmentRows segmentRows, ImportanceRows importance,
                                            ReferenceProfile profile, ColumnBatch first) {
        return new PerformanceAccumulator(segmentRows, importance, profile, first);
    }

    /**
     * The only columns {@link #add} reads: the id, probability, predicted-class and target roles, the segment
     * columns and the features whose importance can be watched ({@link ImportanceRows#watchable}); a batch read
     * with just these gives the same section.
     */
    public static java.util.Set<String> columns(SegmentRows segmentRows, ImportanceRows importance,
                                                ReferenceProfile profile) {
        MonitoringConfig config = segmentRows.config();
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        var r = config.roles();
        for (String role : new String[] {r.id(), r.probability(), r.predictedClass(), r.target()}) {
            if (role != null) {
                names.add(role);
            }
        }
        config.segments().forEach(s -> names.add(s.column()));
        importance.watchable(profile).forEach(f -> names.add(f.name()));
        return names;
    }

    /** Counts the next chunk (in file order) with its outcomes; the watched features are counted in parallel. */
    public void add(ColumnBatch chunk, OutcomeArrays o) {
        StringColumn ids = chunk.find(config.roles().id()).filter(StringColumn.class::isInstance)
                .map(StringColumn.class::cast).orElse(null);
        outcomes.add(o.yTrue(), o.yPred(), o.score());
        for (SegmentCounts s : segments) {
            s.add(chunk.column(s.spec().column()), o.yTrue(), o.yPred(), o.score(), ids);
        }
        IntStream.range(0, watched.size()).parallel()
                .forEach(i -> woe.get(i).add(chunk.column(watched.get(i).name()), o.yTrue()));
    }

    /** Adds the counts of {@code later}, the accumulator of the rows after this one's (examples keep file order). */
    public void merge(PerformanceAccumulator later) {
        outcomes.merge(later.outcomes);
        for (int i = 0; i < segments.size(); i++) {
            segments.get(i).merge(later.segments.get(i));
        }
        for (int i = 0; i < woe.size(); i++) {
            woe.get(i).merge(later.woe.get(i));
        }
    }

    public void writeTo(java.io.DataOutput out) throws java.io.IOException {
        outcomes.writeTo(out);
        out.writeInt(segments.size());
        for (SegmentCounts s : segments) {
            s.writeTo(out);
        }
        out.writeInt(woe.size());
        for (WoeIvCounts w : woe) {
            w.writeTo(out);
        }
    }

    /** Counts written by {@link #writeTo}, into this empty accumulator (made from the same profile and header). */
    public void readFrom(java.io.DataInput in) throws java.io.IOException {
        outcomes = OutcomeCounts.readFrom(in, io.modelwatch.core.performance.ClassificationMetrics.withDefaults());
        int n = in.readInt();
        if (n != segments.size()) {
            throw new IllegalArgumentException("counts of " + n + " segment dimensions, expected " + segments.size());
        }
        for (int i = 0; i < n; i++) {
            SegmentCounts empty = segments.get(i);
            segments.set(i, SegmentCounts.readFrom(in, empty.spec(),
                    profile.segmentPredictionBins(), SegmentRow.MAX_EXAMPLES));
        }
        int w = in.readInt();
        if (w != woe.size()) {
            throw new IllegalArgumentException("WoE counts of " + w + " features, expected " + woe.size());
        }
        for (int i = 0; i < w; i++) {
            woe.set(i, WoeIvCounts.readFrom(in, profile.woe().get(watched.get(i).name())));
        }
    }

    /**
     * The performance section of {@code rows} counted rows: classification quality, concept drift, segments and
     * importance when the labels have matured, the estimate from the scores always.
     */
    public PerformanceSection result(long rows) {
        long observedLabelled = outcomes.report() == null ? 0 : outcomes.labelled();
        double coverage = rows == 0 ? 0 : (double) observedLabelled / rows;
        boolean realised = observedLabelled > 0 && coverage >= config.labels().minCoverage();
        OutcomeCounts used = realised ? outcomes : outcomes.withoutLabels();
        ClassificationReport report = used.report();
        Double change = used.churnRate() != null && profile.churnRate() != null
                ? used.churnRate() - profile.churnRate() : null;
        ConceptDrift concept = new ConceptDrift(profile.churnRate(), used.churnRate(), change, observedLabelled,
                coverage, profile.predictedRate(), used.predictedRate());
        List<SegmentRow> segmentRows = segmentSection.rows(segments, realised, profile);
        List<ImportanceRow> importance = List.of();
        List<WoeIvResult> current = List.of();
        if (realised) {
            current = woe.stream().map(WoeIvCounts::result).toList();
            importance = importanceSection.rows(profile, watched, current);
        }
        EstimatedPerformance estimated = null;
        if (profile.estimator() != null && used.scoredValues().rows() > 0) {
            estimated = profile.estimator().estimate(used);
        }
        return new PerformanceSection(report, profile.performance(), estimated, concept, segmentRows, importance,
                PerformanceBands.of(profile, config, report, estimated, concept, segmentRows, importance,
                        current));
    }
}
