package io.modelwatch.core.run;

import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.run.section.DriftAccumulator;
import io.modelwatch.core.run.section.SegmentDriftAccumulator;
import io.modelwatch.core.synth.ChunkedChurnFile;
import io.modelwatch.core.synth.ChunkedChurnFile.Edits;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DriftPart#add}, which ranks each numeric column once per chunk for the whole batch and every segment, against
 * the drift counts that hash or sort each column on their own ({@link DriftAccumulator#add(ColumnBatch)} and
 * {@link SegmentDriftAccumulator#add(ColumnBatch)}, tested against scipy in SegmentDriftReferenceTest and the drift
 * golden tests): the same section to the last bit, on files with null cells, edge values and labelled or unlabelled
 * rows, read in chunks of one row (every value its own rank) to the whole file.
 */
class RankedDriftPartTest {

    private static final MonitoringConfig CONFIG = PipelineFixture.CONFIG;
    private static final TableSchema SCHEMA = TableSchema.forConfig(CONFIG);

    @TempDir
    static Path dir;

    private static MonitoringPipeline pipeline;
    private static ReferenceProfile profile;

    @BeforeAll
    static void reference() {
        pipeline = MonitoringPipeline.of(CONFIG);
        profile = pipeline.profile(PipelineFixture.batch(dir, Scenario.STABLE, 6_000, 7));
    }

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of(Scenario.SEGMENT, 3_000, 21L, Edits.EDGES, new int[] {1, 7, 1000, Integer.MAX_VALUE}),
                Arguments.of(Scenario.DRIFT, 3_000, 22L, Edits.EDGES_AND_INFINITE_SCORES, new int[] {7, 1000}),
                Arguments.of(Scenario.COVARIATE, 3_000, 23L, Edits.HALF_LABELLED, new int[] {1000, Integer.MAX_VALUE}),
                Arguments.of(Scenario.STABLE, 3_000, 24L, Edits.NO_LABELS, new int[] {1000}),
                // chunks of radix-sorted ranks (at least RadixSort.MIN_LENGTH values)
                Arguments.of(Scenario.DRIFT, 20_000, 25L, Edits.EDGES, new int[] {8192}));
    }

    @ParameterizedTest(name = "{0} {1} rows seed {2} {3}")
    @MethodSource("files")
    void rankedCountsGiveTheSectionOfTheUnrankedCounts(Scenario scenario, int rows, long seed, Edits edits,
                                                       int[] chunkRows) {
        ChunkedChurnFile file = ChunkedChurnFile.generate(dir, scenario, rows, seed, edits, SCHEMA);
        for (int size : chunkRows) {
            List<ColumnBatch> chunks = file.chunks(size);
            DriftPart ranked = DriftPart.planned(pipeline, profile, chunks.get(0));
            DriftAccumulator drift = pipeline.driftAccumulator(profile, chunks.get(0));
            SegmentDriftAccumulator segments = pipeline.segmentDriftAccumulator(profile);
            for (ColumnBatch chunk : chunks) {
                ranked.add(chunk);
                drift.add(chunk);
                segments.add(chunk);
            }
            DriftSection whole = drift.result();
            DriftSection expected = whole.withSegmentDrift(segments.result(whole.drift()));
            assertThat(expected.segmentDrift()).isNotEmpty();
            assertThat(ranked.result()).as("chunks of %d rows", size).isEqualTo(expected);
        }
    }
}
