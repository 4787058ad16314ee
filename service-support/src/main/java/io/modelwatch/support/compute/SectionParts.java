package io.modelwatch.support.compute;

import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.ColumnHeader;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.result.PerformanceSection;
import io.modelwatch.core.run.DriftPart;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.run.PerformancePart;
import io.modelwatch.core.run.SectionPart;
import io.modelwatch.support.compute.SectionComputation.Section;
import io.modelwatch.support.compute.SectionComputation.SectionCounts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * The drift and performance sections as counts of a part of a batch (a contiguous range of its stored chunks, one
 * chunk task): counted, written as bytes, read back and merged in chunk order they give the section of all rows,
 * with the core's section parts ({@link SectionPart}) that a Spark run's {@code RunAccumulator} is made of. The bytes
 * are the columns the counts were planned from ({@link ColumnHeader}) followed by the part's own byte form.
 */
public final class SectionParts {

    private SectionParts() {
    }

    /**
     * A section whose counts can be split over parts of a batch: {@link #start} plans empty counts from the columns
     * of a part's first chunk (whose rows it does not add) or from a header read back from bytes.
     */
    @FunctionalInterface
    public interface SplitSection<S> extends Section<S> {
        @Override
        PartCounts<S> start(MonitoringPipeline pipeline, ReferenceProfile profile, ColumnBatch firstChunkOrHeader);
    }

    /** The counts of one part: added chunk by chunk, then written, read and merged as the core's part. */
    public interface PartCounts<S> extends SectionCounts<S> {
        SectionPart<S> part();
    }

    /** Data, prediction and target drift with the drift inside segments ({@link DriftPart}, {@code pipeline.drift}). */
    public static final SplitSection<DriftSection> DRIFT = new SplitSection<>() {
        @Override
        public PartCounts<DriftSection> start(MonitoringPipeline pipeline, ReferenceProfile profile,
                                              ColumnBatch firstChunkOrHeader) {
            return new Part<>(DriftPart.planned(pipeline, profile, firstChunkOrHeader));
        }

        /** Only the columns the drift counts read (not the id, timestamp or label date). */
        @Override
        public Set<String> columns(MonitoringPipeline pipeline, ReferenceProfile profile) {
            return pipeline.driftColumns();
        }
    };

    /**
     * Classification quality or its estimate, concept drift, segments and importance ({@link PerformancePart},
     * {@code pipeline.performance}).
     */
    public static final SplitSection<PerformanceSection> PERFORMANCE = new SplitSection<>() {
        @Override
        public PartCounts<PerformanceSection> start(MonitoringPipeline pipeline, ReferenceProfile profile,
                                                    ColumnBatch firstChunkOrHeader) {
            return new Part<>(PerformancePart.planned(pipeline, profile, firstChunkOrHeader));
        }

        /** Only the columns the performance counts read (not the features whose importance is not watched). */
        @Override
        public Set<String> columns(MonitoringPipeline pipeline, ReferenceProfile profile) {
            return pipeline.performanceColumns(profile);
        }
    };

    /** The counts of a part as bytes: its header, then its counts. */
    public static byte[] toBytes(PartCounts<?> counts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(BYTES_VERSION);
            ColumnHeader.write(out, counts.part().header());
            counts.part().writeTo(out);
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
            PartCounts<S> counts = section.start(pipeline, profile, ColumnHeader.read(in));
            counts.part().readFrom(in);
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
            all.part().merge(fromBytes(section, pipeline, profile, part.apply(i)).part());
        }
        return all.result(rows);
    }

    /** Format of {@link #toBytes}; counts of another format are refused. */
    private static final int BYTES_VERSION = 1;

    /** The core's counts of a section part as the counts of a chunk task. */
    private record Part<S>(SectionPart<S> part) implements PartCounts<S> {
        @Override
        public void add(ColumnBatch chunk) {
            part.add(chunk);
        }

        @Override
        public S result(long rows) {
            return part.result(rows);
        }
    }
}
