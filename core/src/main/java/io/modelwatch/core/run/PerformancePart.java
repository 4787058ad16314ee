package io.modelwatch.core.run;

import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.result.PerformanceSection;
import io.modelwatch.core.run.section.OutcomeArrays;
import io.modelwatch.core.run.section.PerformanceAccumulator;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The counts of the performance section of {@link MonitoringPipeline#performance} ({@link PerformanceAccumulator}:
 * classification quality or its estimate, concept drift, segments and importance). Bytes: the accumulator's.
 */
public final class PerformancePart implements SectionPart<PerformanceSection> {

    private final MonitoringConfig config;
    private final ColumnBatch header;
    private final PerformanceAccumulator performance;

    private PerformancePart(MonitoringPipeline pipeline, ReferenceProfile profile, ColumnBatch first) {
        config = pipeline.config();
        header = ColumnBatch.empty(first.source(), first.columnTypes());
        performance = pipeline.performanceAccumulator(profile, first);
    }

    /** Empty counts planned from the columns of {@code first} (a first chunk or a header; its rows are not added). */
    public static PerformancePart planned(MonitoringPipeline pipeline, ReferenceProfile profile, ColumnBatch first) {
        return new PerformancePart(pipeline, profile, first);
    }

    @Override
    public ColumnBatch header() {
        return header;
    }

    @Override
    public void add(ColumnBatch chunk) {
        performance.add(chunk, OutcomeArrays.of(chunk, config));
    }

    @Override
    public PerformanceSection result(long rows) {
        return performance.result(rows);
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
    public void merge(SectionPart<PerformanceSection> later) {
        performance.merge(((PerformancePart) later).performance);
    }
}
