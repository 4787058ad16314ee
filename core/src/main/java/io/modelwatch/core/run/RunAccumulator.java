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

import java.util.concurrent.CompletableFuture;

/**
 * A whole monitoring run over a current batch read in chunks, with memory that does not grow with the row
 * count: every section keeps exact mergeable counts ({@link DriftPart} for drift, PSI and the drift inside
 * segments, {@link PerformancePart} for classification quality, the CBPE estimate, concept drift, segments and
 * importance, both shared with the services' chunk tasks; {@link QualityAccumulator} for the data-quality checks),
 * and the sections are computed from them once the last chunk is in.
 *
 * <p>The sections of {@link MonitoringPipeline#drift}, {@link MonitoringPipeline#performance} and
 * {@link MonitoringPipeline#quality} are the same accumulators over the whole batch as one chunk, so the result
 * is theirs, except where an accumulator documents otherwise (drift tests that read observations one by one see
 * them in ascending order). Chunks must be added in file order.
 */
public final class RunAccumulator {

    private final MonitoringPipeline pipeline;
    private final ReferenceProfile profile;
    /** Planned from the first chunk; null until then. */
    private DriftPart drift;
    private PerformancePart performance;
    private QualityAccumulator quality;
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
            drift = DriftPart.planned(pipeline, profile, chunk);
            performance = PerformancePart.planned(pipeline, profile, chunk);
        }
        CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> {
            performance.add(chunk);
            earliest(chunk);
        });
        drift.add(chunk, () -> quality.add(chunk));
        Futures.join(rest);
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
                drift = later.drift;
                performance = later.performance;
            } else {
                ColumnBatch header = drift.header();
                ColumnBatch laterHeader = later.drift.header();
                if (!header.columnTypes().equals(laterHeader.columnTypes())) {
                    throw new IllegalArgumentException(laterHeader.source() + ": rows with columns "
                            + laterHeader.columnTypes() + ", expected " + header.columnTypes());
                }
                drift.merge(later.drift);
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
                ColumnHeader.write(out, drift.header());
                drift.writeTo(out);
                performance.writeTo(out);
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
                ColumnBatch header = ColumnHeader.read(in);
                a.drift = DriftPart.planned(pipeline, profile, header);
                a.drift.readFrom(in);
                a.performance = PerformancePart.planned(pipeline, profile, header);
                a.performance.readFrom(in);
            }
            a.quality = QualityAccumulator.readFrom(in, pipeline.config(), firstRow);
            return a;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("run counts that cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Format of {@link #toBytes}; counts of another format are refused (2: the drift within segments; 3: the drift
     * within segments written by {@link DriftPart} right after the drift, before the performance counts). The bytes
     * only travel between a Spark run's partitions and its driver, never stored.
     */
    private static final int BYTES_VERSION = 3;

    /** Deletes what the counts spilled to disk (the ids of the duplicate-id check) when the run is abandoned. */
    public void discard() {
        quality.close();
    }
}
