package io.modelwatch.core.run;

import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.drift.ChunkValueRanks;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.run.section.DriftAccumulator;
import io.modelwatch.core.run.section.Futures;
import io.modelwatch.core.run.section.SegmentDriftAccumulator;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The counts of the drift section of {@link MonitoringPipeline#drift}: data, prediction and target drift
 * ({@link DriftAccumulator}) and the drift inside segments ({@link SegmentDriftAccumulator}). Bytes: the drift
 * counts, then the segments' counts.
 */
public final class DriftPart implements SectionPart<DriftSection> {

    private final ColumnBatch header;
    private final DriftAccumulator drift;
    private final SegmentDriftAccumulator segments;

    private DriftPart(MonitoringPipeline pipeline, ReferenceProfile profile, ColumnBatch first) {
        header = ColumnBatch.empty(first.source(), first.columnTypes());
        drift = pipeline.driftAccumulator(profile, first);
        segments = pipeline.segmentDriftAccumulator(profile);
    }

    /** Empty counts planned from the columns of {@code first} (a first chunk or a header; its rows are not added). */
    public static DriftPart planned(MonitoringPipeline pipeline, ReferenceProfile profile, ColumnBatch first) {
        return new DriftPart(pipeline, profile, first);
    }

    @Override
    public ColumnBatch header() {
        return header;
    }

    @Override
    public void add(ColumnBatch chunk) {
        add(chunk, () -> {
        });
    }

    /**
     * Counts the chunk: the drift inside segments on another thread while {@code alongside} (other work of the
     * caller's on the same chunk) and then the drift run on this one.
     */
    public void add(ColumnBatch chunk, Runnable alongside) {
        // each numeric column ranked once, for the whole batch and the segments of every dimension to count
        Map<String, ChunkValueRanks> ranks = drift.ranks(chunk);
        CompletableFuture<Void> inSegments = CompletableFuture.runAsync(() -> segments.add(chunk, ranks));
        alongside.run();
        drift.add(chunk, ranks);
        Futures.join(inSegments);
    }

    /** The drift section of every row counted (the row count is in the counts). */
    public DriftSection result() {
        DriftSection whole = drift.result();
        return whole.withSegmentDrift(segments.result(whole.drift()));
    }

    @Override
    public DriftSection result(long rows) {
        return result();
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
    public void merge(SectionPart<DriftSection> later) {
        DriftPart l = (DriftPart) later;
        drift.merge(l.drift);
        segments.merge(l.segments);
    }
}
