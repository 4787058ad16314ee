package io.modelwatch.support.compute;

import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.ColumnHeader;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.result.PerformanceSection;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.run.section.DriftAccumulator;
import io.modelwatch.core.run.section.Futures;
import io.modelwatch.core.run.section.OutcomeArrays;
import io.modelwatch.core.run.section.PerformanceAccumulator;
import io.modelwatch.core.run.section.SegmentDriftAccumulator;
import io.modelwatch.support.compute.SectionComputation.Section;
import io.modelwatch.support.compute.SectionComputation.SectionCounts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The drift and performance sections as counts of a part of a batch (a contiguous range of its stored chunks, one
 * chunk task): counted, written as bytes, read back and merged in chunk order they give the section of all rows,
 * as the core's {@code RunAccumulator} parts do for a Spark run. The bytes are the columns the counts were planned
 * from ({@link ColumnHeader}) followed by the section accumulators' own byte forms.
 */
public final class SectionParts {

    private SectionParts() {
    }

    /** A section whose counts can be split over parts of a batch. */
    public interface SplitSection<S> extends Section<S> {
        @Override
        PartCounts<S> start(MonitoringPipeline pipeline, ReferenceProfile profile, ColumnBatch firstChunk);

        /** Empty counts planned from {@code header} (the columns of the part's first chunk), to read bytes into. */
        PartCounts<S> planned(MonitoringPipeline pipeline, ReferenceProfile profile, ColumnBatch header);
    }

    /** The counts of one part: added chunk by chunk, written, read, merged with the next part's. */
    public interface PartCounts<S> extends SectionCounts<S> {
        /** The columns the counts were planned from, without rows. */
        ColumnBatch header();

        void writeTo(DataOutput out) throws IOException;

        void readFrom(DataInput in) throws IOException;

        /** Adds the counts of the part right after this one's, which must not be used afterwards. */
        void merge(PartCounts<S> later);
    }

    /** Data, prediction and target drift with the drift inside segments, as the core's {@code pipeline.drift}. */
    public static final SplitSection<DriftSection> DRIFT = new SplitSection<>() {
        @Override
        public PartCounts<DriftSection> start(MonitoringPipeline pipeline, ReferenceProfile profile, ColumnBatch first) {
            return new DriftPart(pipeline, profile, first);
        }

        @Override
        public PartCounts<DriftSection> planned(MonitoringPipeline pipeline, ReferenceProfile profile, ColumnBatch header) {
            return new DriftPart(pipeline, profile, header);
        }
    };

    /** Classification quality or its estimate, concept drift, segments and importance ({@code pipeline.performance}). */
    public static final SplitSection<PerformanceSection> PERFORMANCE = new SplitSection<>() {
        @Override
        public PartCounts<PerformanceSection> start(MonitoringPipeline pipeline, ReferenceProfile profile,
                                                    ColumnBatch first) {
            return new PerformancePart(pipeline, profile, first);
        }

        @Override
        public PartCounts<PerformanceSection> planned(MonitoringPipeline pipeline, ReferenceProfile profile,
                                                      ColumnBatch header) {
            return new PerformancePart(pipeline, profile, header);
        }
    };

    /** The counts of a part as bytes: its header, then its counts. */
    public static byte[] toBytes(PartCounts<?> counts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(BYTES_VERSION);
            ColumnHeader.write(out, counts.header());
            counts.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Counts written by {@link #toBytes}. */
    public static <S> PartCounts<S> fromBytes(SplitSection<S> section, MonitoringPipeline pipeline,
                                              ReferenceProfile profile, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readInt();
            if (version != BYTES_VERSION) {
                throw new IllegalArgumentException("section counts of format " + version + ", expected " + BYTES_VERSION);
            }
            PartCounts<S> counts = section.planned(pipeline, profile, ColumnHeader.read(in));
            counts.readFrom(in);
            return counts;
        } catch (IOException e) {
            throw new IllegalArgumentException("section counts that cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The section of all rows from the parts' bytes in chunk order (the first part's first): each read and merged
     * into the counts before it, as if every chunk had been counted in one pass.
     *
     * @param rows the rows of all parts together
     */
    public static <S> S merge(SplitSection<S> section, MonitoringPipeline pipeline, ReferenceProfile profile,
                              List<byte[]> partsInOrder, long rows) {
        return merge(section, pipeline, profile, partsInOrder.size(), partsInOrder::get, rows);
    }

    /**
     * As {@link #merge(SplitSection, MonitoringPipeline, ReferenceProfile, List, long)}, with part {@code i}'s bytes
     * fetched by {@code part} only when it is merged: the merge holds the counts so far and one part, not every part.
     */
    public static <S> S merge(SplitSection<S> section, MonitoringPipeline pipeline, ReferenceProfile profile,
                              int parts, java.util.function.IntFunction<byte[]> part, long rows) {
        if (parts == 0) {
            throw new IllegalArgumentException("no part to merge");
        }
        PartCounts<S> all = fromBytes(section, pipeline, profile, part.apply(0));
        for (int i = 1; i < parts; i++) {
            all.merge(fromBytes(section, pipeline, profile, part.apply(i)));
        }
        return all.result(rows);
    }

    /** Format of {@link #toBytes}; counts of another format are refused. */
    private static final int BYTES_VERSION = 1;

    private static ColumnBatch headerOf(ColumnBatch first) {
        return ColumnBatch.empty(first.source(), first.columnTypes());
    }

    private static final class DriftPart implements PartCounts<DriftSection> {
        private final ColumnBatch header;
        private final DriftAccumulator drift;
        private final SegmentDriftAccumulator segments;

        DriftPart(MonitoringPipeline pipeline, ReferenceProfile profile, ColumnBatch first) {
            header = headerOf(first);
            drift = pipeline.driftAccumulator(profile, first);
            segments = pipeline.segmentDriftAccumulator(profile);
        }

        @Override
        public void add(ColumnBatch chunk) {
            CompletableFuture<Void> inSegments = CompletableFuture.runAsync(() -> segments.add(chunk));
            drift.add(chunk);
            Futures.join(inSegments);
        }

        @Override
        public DriftSection result(long rows) {
            DriftSection whole = drift.result();
            return whole.withSegmentDrift(segments.result(whole.drift()));
        }

        @Override
        public ColumnBatch header() {
            return header;
        }

        @Override
        public void writeTo(DataOutput out) throws IOException {
            drift.writeTo(out);
            segments.writeTo(out);
        }

        @Override
        public void readFrom(DataInput in) throws IOException {
            drift.readFrom(in);
            segments.readFrom(in, header);
        }

        @Override
        public void merge(PartCounts<DriftSection> later) {
            DriftPart l = (DriftPart) later;
            drift.merge(l.drift);
            segments.merge(l.segments);
        }
    }

    private static final class PerformancePart implements PartCounts<PerformanceSection> {
        private final MonitoringPipeline pipeline;
        private final ColumnBatch header;
        private final PerformanceAccumulator performance;

        PerformancePart(MonitoringPipeline pipeline, ReferenceProfile profile, ColumnBatch first) {
            this.pipeline = pipeline;
            header = headerOf(first);
            performance = pipeline.performanceAccumulator(profile, first);
        }

        @Override
        public void add(ColumnBatch chunk) {
            performance.add(chunk, OutcomeArrays.of(chunk, pipeline.config()));
        }

        @Override
        public PerformanceSection result(long rows) {
            return performance.result(rows);
        }

        @Override
        public ColumnBatch header() {
            return header;
        }

        @Override
        public void writeTo(DataOutput out) throws IOException {
            performance.writeTo(out);
        }

        @Override
        public void readFrom(DataInput in) throws IOException {
            performance.readFrom(in);
        }

        @Override
        public void merge(PartCounts<PerformanceSection> later) {
            performance.merge(((PerformancePart) later).performance);
        }
    }
}
