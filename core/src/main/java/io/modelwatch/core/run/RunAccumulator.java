package io.modelwatch.core.run;

import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.TimestampColumn;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.quality.QualityAccumulator;
import io.modelwatch.core.quality.QualityReport;

import java.util.concurrent.CompletableFuture;

/**
 * A whole monitoring run over a current batch read in chunks, with memory that does not grow with the row
 * count: every section keeps exact mergeable counts ({@link DriftAccumulator} for drift and PSI,
 * {@link PerformanceAccumulator} for classification quality, the CBPE estimate, concept drift, segments and
 * importance, {@link QualityAccumulator} for the data-quality checks), and the sections are computed from them
 * once the last chunk is in.
 *
 * <p>The sections of {@link MonitoringPipeline#drift}, {@link MonitoringPipeline#performance} and
 * {@link MonitoringPipeline#quality} are the same accumulators over the whole batch as one chunk, so the result
 * is theirs, except where an accumulator documents otherwise (drift tests that read observations one by one see
 * them in ascending order). Chunks must be added in file order.
 */
public final class RunAccumulator {

    private final MonitoringPipeline pipeline;
    private final ReferenceProfile profile;
    private DriftAccumulator drift;
    private PerformanceAccumulator performance;
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
            pipeline.requireRoleColumns(chunk);
            drift = pipeline.driftAccumulator(profile, chunk);
            performance = new PerformanceAccumulator(pipeline, profile, chunk);
        }
        MonitoringPipeline.OutcomeArrays o = pipeline.outcomeArrays(chunk);
        CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> {
            performance.add(chunk, o);
            earliest(chunk);
        });
        quality.add(chunk);
        drift.add(chunk);
        MonitoringPipeline.join(rest);
        rows += chunk.rowCount();
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
        return performance.result(rows);
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
