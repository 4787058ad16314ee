package io.modelwatch.core.run;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The streamed run against the whole-file run on the churn generator's data (drift scenario). */
class StreamingRunTest {

    private static final int CURRENT_ROWS = 3_000;

    @TempDir
    static Path dir;

    private static MonitoringConfig config;
    private static MonitoringPipeline pipeline;
    private static TableSchema schema;
    private static ReferenceProfile profile;
    private static Path current;
    private static RunInfo info;

    @BeforeAll
    static void data() throws Exception {
        config = ConfigLoader.defaults();
        pipeline = MonitoringPipeline.of(config);
        schema = TableSchema.forConfig(config);
        Path reference = dir.resolve("reference.csv");
        current = dir.resolve("current.csv");
        ChurnDataGenerator.of(Scenario.STABLE, LocalDate.of(2026, 9, 1), "R").write(reference, 4_000, 7);
        ChurnDataGenerator.of(Scenario.DRIFT, LocalDate.of(2026, 11, 27), "C").write(current, CURRENT_ROWS, 11);
        profile = pipeline.profile(CsvReader.withDefaults().read(reference, schema));
        info = new RunInfo("r", config.modelId(), LocalDate.of(2026, 11, 27), reference.toString(), current.toString(),
                null, Instant.parse("2026-11-28T00:00:00Z"));
    }

    private static Map<?, ?> withoutDuration(RunResult r) throws Exception {
        String json = Json.pretty(r).replaceAll("\"durationMs\" : \\d+", "\"durationMs\" : 0");
        return Json.mapper().readValue(json, Map.class);
    }

    @Test
    void aReservoirLargerThanTheFileGivesExactlyTheWholeFileResult() throws Exception {
        ColumnBatch whole = CsvReader.withDefaults().read(current, schema);
        RunResult expected = pipeline.run(info, profile, whole);
        RunResult streamed = StreamingRun.of(pipeline).withChunkRows(700).withReservoirRows(CURRENT_ROWS + 1)
                .run(info, profile, current, schema);
        assertThat(withoutDuration(streamed)).isEqualTo(withoutDuration(expected));
        assertThat(streamed.drift().columns()).allMatch(c -> c.sampled() == null);
    }

    @Test
    void aSmallReservoirKeepsPsiAndCategoricalDriftExactAndMarksTheNumericTests() {
        RunResult expected = pipeline.run(info, profile, CsvReader.withDefaults().read(current, schema));
        RunResult streamed = StreamingRun.of(pipeline).withChunkRows(500).withReservoirRows(800)
                .withMaxExactDistinct(100).run(info, profile, current, schema);
        assertThat(streamed.run().currentRows()).isEqualTo(CURRENT_ROWS);
        assertThat(streamed.concept()).isEqualTo(expected.concept());
        assertThat(streamed.run().labelledRows()).isEqualTo(expected.run().labelledRows());
        assertThat(streamed.psi()).hasSameSizeAs(expected.psi());
        for (int i = 0; i < expected.psi().size(); i++) {
            assertThat(streamed.psi().get(i).value()).as(expected.psi().get(i).column())
                    .isEqualTo(expected.psi().get(i).value());
        }
        int sampled = 0;
        int exactNumeric = 0;
        for (int i = 0; i < expected.drift().columns().size(); i++) {
            ColumnDrift e = expected.drift().columns().get(i);
            ColumnDrift s = streamed.drift().columns().get(i);
            assertThat(s.column()).isEqualTo(e.column());
            if (s.sampled() == null) {
                // categorical columns, and numeric ones with few distinct values: from exact streamed counts
                assertThat(s).as(e.column()).isEqualTo(e);
            } else {
                assertThat(e.type()).isEqualTo("numeric");
                sampled++;
            }
            if (s.sampled() == null && e.type().equals("numeric")) {
                exactNumeric++;
            }
        }
        // the churn table has continuous features (charges, usage) and integer ones (ages, counts, scores)
        assertThat(sampled).isPositive();
        assertThat(exactNumeric).isPositive();
    }

    @Test
    void theSampleIsRepeatableForOneSeed() throws Exception {
        StreamingRun run = StreamingRun.of(pipeline).withChunkRows(500).withReservoirRows(800);
        assertThat(withoutDuration(run.run(info, profile, current, schema)))
                .isEqualTo(withoutDuration(run.run(info, profile, current, schema)));
    }
}
