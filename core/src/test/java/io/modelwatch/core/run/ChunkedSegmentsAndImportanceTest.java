package io.modelwatch.core.run;

import io.modelwatch.core.run.section.Outcomes;
import io.modelwatch.core.result.ImportanceRow;
import io.modelwatch.core.result.PerformanceSection;

import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.config.SegmentSpec;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.importance.WoeIvCounts;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.segments.SegmentCounts;
import io.modelwatch.core.synth.ChunkedChurnFile;
import io.modelwatch.core.synth.ChunkedChurnFile.Edits;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The segment rows and importance rows of a file read in chunks ({@link SegmentCounts}, {@link WoeIvCounts},
 * labels counted or not once the whole file's label coverage is known) against
 * {@link MonitoringPipeline#performance} on the whole batch: exact equality.
 */
class ChunkedSegmentsAndImportanceTest {

    private static final MonitoringConfig CONFIG = PipelineFixture.CONFIG;
    private static final TableSchema SCHEMA = TableSchema.forConfig(CONFIG);

    @TempDir
    static Path dir;

    private static MonitoringPipeline pipeline;
    private static ReferenceProfile profile;

    @BeforeAll
    static void reference() {
        pipeline = MonitoringPipeline.of(CONFIG);
        profile = pipeline.profile(PipelineFixture.batch(dir, Scenario.STABLE, 4_000, 7));
    }

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of(Scenario.SEGMENT, 11L, Edits.EDGES),
                Arguments.of(Scenario.DRIFT, 12L, Edits.EDGES),
                Arguments.of(Scenario.CONCEPT, 13L, Edits.NONE),
                Arguments.of(Scenario.SEGMENT, 14L, Edits.NO_IDS),
                Arguments.of(Scenario.COVARIATE, 15L, Edits.HALF_LABELLED),
                Arguments.of(Scenario.STABLE, 16L, Edits.NO_LABELS));
    }

    @ParameterizedTest(name = "{0} seed {1} {2}")
    @MethodSource("files")
    void chunkedRowsEqualTheWholeBatchRows(Scenario scenario, long seed, Edits edits) {
        ChunkedChurnFile file = ChunkedChurnFile.generate(dir, scenario, 3_000, seed, edits, SCHEMA);
        ColumnBatch whole = file.whole();
        PerformanceSection expected = pipeline.performance(profile, whole);
        assertThat(expected.segments()).isNotEmpty();
        if (edits == Edits.EDGES) { // the comparison covers examples, in-segment PSI, null cells and importance
            assertThat(expected.segments()).anyMatch(r -> r.psi() != null)
                    .anyMatch(r -> !r.missedChurners().isEmpty())
                    .anyMatch(r -> r.segment().equals("MISSING") && r.dimension().equals("contract_type"));
            assertThat(expected.importance()).isNotEmpty();
        }
        for (int chunkRows : ChunkedChurnFile.CHUNK_ROWS) {
            List<SegmentCounts> segments = new ArrayList<>();
            for (SegmentSpec spec : CONFIG.segments()) {
                if (whole.has(spec.column())) {
                    segments.add(pipeline.segments().counts(spec, profile));
                }
            }
            List<FeatureSpec> watched = pipeline.importance().watched(profile, whole);
            List<WoeIvCounts> woe = watched.stream().map(f -> WoeIvCounts.of(profile.woe().get(f.name()))).toList();
            long rows = 0;
            long labelled = 0;
            long scoredLabelled = 0;
            for (ColumnBatch chunk : file.chunks(chunkRows)) {
                Outcomes o = Outcomes.of(chunk, CONFIG);
                StringColumn ids = chunk.find(CONFIG.roles().id()).filter(StringColumn.class::isInstance)
                        .map(StringColumn.class::cast).orElse(null);
                for (SegmentCounts c : segments) {
                    c.add(chunk.column(c.spec().column()), o.yTrue(), o.yPred(), o.score(), ids);
                }
                for (int i = 0; i < watched.size(); i++) {
                    woe.get(i).add(chunk.column(watched.get(i).name()), o.yTrue());
                }
                rows += chunk.rowCount();
                for (int i = 0; i < chunk.rowCount(); i++) {
                    if (o.yTrue()[i] >= 0) {
                        labelled++;
                        scoredLabelled += o.yPred()[i] >= 0 && !Double.isNaN(o.score()[i]) ? 1 : 0;
                    }
                }
            }
            // the pipeline's rule: labels count when some labelled row is scored and coverage is reached
            long observed = scoredLabelled > 0 ? labelled : 0;
            boolean realised = observed > 0 && (double) observed / rows >= CONFIG.labels().minCoverage();
            assertThat(pipeline.segments().rows(segments, realised, profile)).as("chunks of " + chunkRows)
                    .isEqualTo(expected.segments());
            List<ImportanceRow> importance = realised
                    ? pipeline.importance().rows(profile, watched, woe.stream().map(WoeIvCounts::result).toList())
                    : List.of();
            assertThat(importance).as("chunks of " + chunkRows).isEqualTo(expected.importance());
        }
    }

    /**
     * The performance section of a batch holding only {@link MonitoringPipeline#performanceColumns} (what
     * performance-service reads from the store) equals the section of the whole batch, and the unwatched
     * features, timestamp and label date are not among those columns.
     */
    @ParameterizedTest(name = "{0} seed {1} {2}")
    @MethodSource("files")
    void theSectionOfItsOwnColumnsEqualsTheWholeBatchs(Scenario scenario, long seed, Edits edits) {
        ChunkedChurnFile file = ChunkedChurnFile.generate(dir, scenario, 3_000, seed, edits, SCHEMA);
        ColumnBatch whole = file.whole();
        java.util.Set<String> columns = pipeline.performanceColumns(profile);
        List<io.modelwatch.core.data.Column> kept = whole.columns().values().stream()
                .filter(c -> columns.contains(c.name())).toList();
        assertThat(kept.size()).isLessThan(whole.columns().size());
        assertThat(columns).doesNotContain(CONFIG.roles().timestamp(), CONFIG.roles().labelDate());
        assertThat(CONFIG.features()).anyMatch(f -> !columns.contains(f.name()));
        assertThat(pipeline.performance(profile, ColumnBatch.of(whole.source(), kept)))
                .isEqualTo(pipeline.performance(profile, whole));
    }
}
