package io.modelwatch.core.run;

import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.config.SegmentSpec;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TimestampColumn;
import io.modelwatch.core.estimation.EstimatedPerformance;
import io.modelwatch.core.importance.WoeIvCounts;
import io.modelwatch.core.importance.WoeIvResult;
import io.modelwatch.core.performance.ClassificationReport;
import io.modelwatch.core.performance.OutcomeCounts;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.quality.QualityAccumulator;
import io.modelwatch.core.quality.QualityReport;
import io.modelwatch.core.segments.SegmentCounts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A whole monitoring run over a current batch read in chunks, with memory that does not grow with the row
 * count: every section keeps exact mergeable counts ({@link DriftAccumulator} for drift and PSI,
 * {@link OutcomeCounts} for classification quality, the CBPE estimate and the concept-drift rates,
 * {@link SegmentCounts} per segment dimension, {@link WoeIvCounts} per watched feature,
 * {@link QualityAccumulator} for the data-quality checks), and the sections are computed from them once the
 * last chunk is in. Whether the labels count (label coverage at least {@code labels.min_coverage}) is only
 * known then, so every count is kept with and without labels.
 *
 * <p>The result equals {@link MonitoringPipeline#drift}, {@link MonitoringPipeline#performance} and
 * {@link MonitoringPipeline#quality} on the whole batch, with the exceptions each accumulator documents (sums
 * whose terms are added per distinct value instead of per row may differ in the last bits; drift tests that
 * read observations one by one see them in ascending order). Chunks must be added in file order.
 */
public final class RunAccumulator {

    private final MonitoringPipeline pipeline;
    private final ReferenceProfile profile;
    private DriftAccumulator drift;
    private final OutcomeCounts outcomes = OutcomeCounts.of();
    private final List<SegmentCounts> segments = new ArrayList<>();
    private List<FeatureSpec> watched = List.of();
    private final List<WoeIvCounts> woe = new ArrayList<>();
    private final QualityAccumulator quality;
    private long rows;
    private long earliestPrediction = Long.MAX_VALUE;

    RunAccumulator(MonitoringPipeline pipeline, ReferenceProfile profile) {
        this.pipeline = pipeline;
        this.profile = profile;
        this.quality = QualityAccumulator.of(pipeline.config());
    }

    /** Counts the next chunk of the batch (in file order); the sections' counts are updated in parallel. */
    public void add(ColumnBatch chunk) {
        if (drift == null) {
            start(chunk);
        }
        MonitoringPipeline.OutcomeArrays o = pipeline.outcomeArrays(chunk);
        StringColumn ids = chunk.find(pipeline.config().roles().id()).filter(StringColumn.class::isInstance)
                .map(StringColumn.class::cast).orElse(null);
        CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> {
            outcomes.add(o.yTrue(), o.yPred(), o.score());
            for (SegmentCounts s : segments) {
                s.add(chunk.column(s.spec().column()), o.yTrue(), o.yPred(), o.score(), ids);
            }
            for (int i = 0; i < watched.size(); i++) {
                woe.get(i).add(chunk.column(watched.get(i).name()), o.yTrue());
            }
            earliest(chunk);
        });
        quality.add(chunk);
        drift.add(chunk);
        MonitoringPipeline.join(rest);
        rows += chunk.rowCount();
    }

    private void start(ColumnBatch first) {
        for (String role : new String[] {pipeline.config().roles().id(), pipeline.config().roles().probability()}) {
            if (!first.has(role)) {
                throw new io.modelwatch.core.data.InputException(first.source() + ": required column '" + role
                        + "' is missing; columns are " + first.columnNames());
            }
        }
        drift = pipeline.driftAccumulator(profile, first);
        for (SegmentSpec spec : pipeline.config().segments()) {
            if (first.has(spec.column())) {
                segments.add(pipeline.segmentCounts(spec, profile));
            }
        }
        watched = pipeline.watchedFeatures(profile, first);
        for (FeatureSpec f : watched) {
            woe.add(WoeIvCounts.of(profile.woe().get(f.name())));
        }
    }

    private void earliest(ColumnBatch chunk) {
        chunk.find(pipeline.config().roles().timestamp()).filter(TimestampColumn.class::isInstance).ifPresent(c -> {
            for (long ms : ((TimestampColumn) c).epochMillis()) {
                if (ms != TimestampColumn.NULL_VALUE && ms < earliestPrediction) {
                    earliestPrediction = ms;
                }
            }
        });
    }

    /** Rows counted so far. */
    public long rows() {
        return rows;
    }

    /** The earliest prediction timestamp counted (epoch milliseconds), or null when there is none. */
    public Long earliestPrediction() {
        return earliestPrediction == Long.MAX_VALUE ? null : earliestPrediction;
    }

    /** The drift section of every row counted. */
    public DriftSection drift() {
        return drift.result();
    }

    /**
     * The performance section: classification quality, concept drift, segments and importance when the labels
     * have matured (coverage at least {@code labels.min_coverage}), the estimate from the scores always.
     */
    public PerformanceSection performance() {
        long observedLabelled = outcomes.report() == null ? 0 : outcomes.labelled();
        double coverage = rows == 0 ? 0 : (double) observedLabelled / rows;
        boolean realised = observedLabelled > 0 && coverage >= pipeline.config().labels().minCoverage();
        OutcomeCounts used = realised ? outcomes : outcomes.withoutLabels();
        ClassificationReport report = used.report();
        Double change = used.churnRate() != null && profile.churnRate() != null
                ? used.churnRate() - profile.churnRate() : null;
        ConceptDrift concept = new ConceptDrift(profile.churnRate(), used.churnRate(), change, observedLabelled,
                coverage, profile.predictedRate(), used.predictedRate());
        List<SegmentRow> segmentRows = pipeline.segmentRows(segments, realised, profile);
        List<ImportanceRow> importance = List.of();
        if (realised) {
            List<WoeIvResult> current = woe.stream().map(WoeIvCounts::result).toList();
            importance = pipeline.importanceRows(profile, watched, current);
        }
        EstimatedPerformance estimated = null;
        if (profile.estimator() != null && used.scoredValues().rows() > 0) {
            estimated = profile.estimator().estimate(used);
        }
        return new PerformanceSection(report, profile.performance(), estimated, concept, segmentRows, importance);
    }

    /** The data-quality findings of every row counted (the reader's parse report is part of the chunks). */
    public QualityReport quality() {
        return quality.result();
    }

    /** Deletes what the counts spilled to disk (the ids of the duplicate-id check) when the run is abandoned. */
    public void discard() {
        quality.close();
    }
}
