package io.modelwatch.core.run;

import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.result.PerformanceSection;

import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.ColumnHeader;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.quality.IdRepeats;
import io.modelwatch.core.quality.QualityAccumulator;
import io.modelwatch.core.quality.QualityReport;
import io.modelwatch.core.run.section.DriftAccumulator;
import io.modelwatch.core.run.section.Futures;
import io.modelwatch.core.run.section.OutcomeArrays;
import io.modelwatch.core.run.section.PerformanceAccumulator;
import io.modelwatch.core.run.section.SegmentDriftAccumulator;

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
    private SegmentDriftAccumulator segmentDrift;
    private PerformanceAccumulator performance;
    private QualityAccumulator quality;
    /** The columns of the first chunk, without rows: what the counts were planned from. */
    private ColumnBatch header;
    private long rows;
    private long earliestPrediction = Long.MAX_VALUE;

    RunAccumulator(MonitoringPipeline pipeline, ReferenceProfile profile) {
        this(pipeline, profile, QualityAccumulator.of(pipeline.config()));
    }

    private RunAccumulator(MonitoringPipeline pipeline, ReferenceProfile profile, QualityAccumulator quality) {
        this.pipeline = pipeline;
        this.profile = profile;
        this.quality = quality;
    }

    /**
     * The counts of one part of a batch (a partition of a distributed run) that travel as bytes ({@link #toBytes})
     * and {@link #merge merge} with the other parts' in file order. Its rows are numbered from the start of the part
     * ({@link #fromBytes} places them in the file); the duplicate-id check keeps no ids: the ids of all parts are
     * counted apart and given to {@link #quality(IdRepeats)}.
     */
    public static RunAccumulator forPart(MonitoringPipeline pipeline, ReferenceProfile profile) {
        return new RunAccumulator(pipeline, profile, QualityAccumulator.withIdsCountedApart(pipeline.config(), 0));
    }

    /** Counts the next chunk of the batch (in file order); the sections' counts are updated in parallel. */
    public void add(ColumnBatch chunk) {
        if (drift == null) {
            pipeline.requireRoleColumns(chunk);
            header = ColumnBatch.empty(chunk.source(), chunk.columnTypes());
            drift = pipeline.driftAccumulator(profile, chunk);
            segmentDrift = pipeline.segmentDriftAccumulator(profile);
            performance = pipeline.performanceAccumulator(profile, chunk);
        }
        OutcomeArrays o = OutcomeArrays.of(chunk, pipeline.config());
        CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> {
            performance.add(chunk, o);
            earliest(chunk);
        });
        CompletableFuture<Void> segments = CompletableFuture.runAsync(() -> segmentDrift.add(chunk));
        quality.add(chunk);
        drift.add(chunk);
        Futures.join(rest);
        Futures.join(segments);
        rows += chunk.rowCount();
    }

    private void earliest(ColumnBatch chunk) {
        earliestPrediction = Math.min(earliestPrediction,
                SnapshotDate.earliestMillis(chunk, pipeline.config().roles().timestamp()));
    }

    /** Rows counted so far. */
    public long rows() {
        return rows;
    }

    /** The earliest prediction timestamp counted (epoch milliseconds), or null when there is none. */
    public Long earliestPrediction() {
        return earliestPrediction == Long.MAX_VALUE ? null : earliestPrediction;
    }

    /** The snapshot date of the rows counted ({@link SnapshotDate}: their earliest prediction's, else today). */
    public java.time.LocalDate snapshotDate() {
        return SnapshotDate.of(earliestPrediction());
    }

    /** The drift section of every row counted. */
    public DriftSection drift() {
        DriftSection whole = drift.result();
        return whole.withSegmentDrift(segmentDrift.result(whole.drift()));
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

    /** The data-quality findings of every row counted, with the duplicate ids counted apart (see {@link #forPart}). */
    public QualityReport quality(IdRepeats repeats) {
        return quality.result(repeats);
    }

    /**
     * Adds the counts of {@code later}, the part of the batch right after this one's (built by {@link #fromBytes}
     * with its first row), which must not be used afterwards. The merged counts give the sections of the rows of
     * both, exactly as if they had been added chunk by chunk (see {@link DriftAccumulator#merge} for the one
     * exception, the tests that read observations one by one).
     */
    public RunAccumulator merge(RunAccumulator later) {
        if (later.drift != null) {
            if (drift == null) {
                header = later.header;
                drift = later.drift;
                segmentDrift = later.segmentDrift;
                performance = later.performance;
            } else {
                if (!header.columnTypes().equals(later.header.columnTypes())) {
                    throw new IllegalArgumentException(later.header.source() + ": rows with columns "
                            + later.header.columnTypes() + ", expected " + header.columnTypes());
                }
                drift.merge(later.drift);
                segmentDrift.merge(later.segmentDrift);
                performance.merge(later.performance);
            }
        }
        quality.merge(later.quality);
        rows += later.rows;
        earliestPrediction = Math.min(earliestPrediction, later.earliestPrediction);
        return this;
    }

    /**
     * The counts as bytes: the columns they were planned from, the row count, the earliest prediction and each
     * section's counts (for a 30-column churn batch, mostly the distinct values of the numeric columns). Only the
     * accumulator of a part ({@link #forPart}) can be written.
     */
    public byte[] toBytes() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(BYTES_VERSION);
            out.writeLong(rows);
            out.writeLong(earliestPrediction);
            out.writeBoolean(drift != null);
            if (drift != null) {
                ColumnHeader.write(out, header);
                drift.writeTo(out);
                performance.writeTo(out);
                segmentDrift.writeTo(out);
            }
            quality.writeTo(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The counts of a part written by {@link #toBytes}, whose first row is row {@code firstRow + 1} of the batch, to
     * be {@link #merge merged} in file order with the parts before and after it.
     *
     * @throws IllegalArgumentException when the bytes are not such counts, or were counted against another profile
     */
    public static RunAccumulator fromBytes(MonitoringPipeline pipeline, ReferenceProfile profile, byte[] bytes,
                                           long firstRow) {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            int version = in.readInt();
            if (version != BYTES_VERSION) {
                throw new IllegalArgumentException("run counts of format " + version + ", expected " + BYTES_VERSION);
            }
            RunAccumulator a = new RunAccumulator(pipeline, profile, null);
            a.rows = in.readLong();
            a.earliestPrediction = in.readLong();
            if (in.readBoolean()) {
                a.header = ColumnHeader.read(in);
                a.drift = pipeline.driftAccumulator(profile, a.header);
                a.drift.readFrom(in);
                a.performance = pipeline.performanceAccumulator(profile, a.header);
                a.performance.readFrom(in);
                a.segmentDrift = pipeline.segmentDriftAccumulator(profile);
                a.segmentDrift.readFrom(in, a.header);
            }
            a.quality = QualityAccumulator.readFrom(in, pipeline.config(), firstRow);
            return a;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("run counts that cannot be read: " + e.getMessage(), e);
        }
    }

    /** Format of {@link #toBytes}; counts of another format are refused (2: the drift within segments). */
    private static final int BYTES_VERSION = 2;

    /** Deletes what the counts spilled to disk (the ids of the duplicate-id check) when the run is abandoned. */
    public void discard() {
        quality.close();
    }
}
