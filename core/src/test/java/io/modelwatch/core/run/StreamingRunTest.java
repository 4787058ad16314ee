package io.modelwatch.core.run;

import io.modelwatch.core.result.RunInfo;
import io.modelwatch.core.result.RunResult;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The streamed run (exact accumulators, no sample) against the whole-file run on the churn generator's data. */
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

    private static Object withoutDuration(RunResult r) throws Exception {
        String json = Json.pretty(r).replaceAll("\"durationMs\" : \\d+", "\"durationMs\" : 0");
        return Json.mapper().readValue(json, Map.class);
    }

    /**
     * Equal JSON trees, every number bit for bit: with the configured automatic drift tests (computed from value
     * runs) and chunks added in file order, the streamed sections are those of the batch, not approximations.
     */
    private static void assertSameRun(Object actual, Object expected, String path) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            assertThat(a.keySet()).as(path).isEqualTo(e.keySet());
            for (Object k : e.keySet()) {
                assertSameRun(a.get(k), e.get(k), path + "." + k);
            }
        } else if (expected instanceof List<?> e && actual instanceof List<?> a) {
            assertThat(a).as(path).hasSameSizeAs(e);
            for (int i = 0; i < e.size(); i++) {
                assertSameRun(a.get(i), e.get(i), path + "[" + i + "]");
            }
        } else if (expected instanceof Double e && actual instanceof Number a) {
            assertThat(a.doubleValue()).as(path).isEqualTo(e);
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 500, 700, CURRENT_ROWS})
    void theStreamedRunEqualsTheRunOnTheWholeFile(int chunkRows) throws Exception {
        ColumnBatch whole = CsvReader.withDefaults().read(current, schema);
        RunResult expected = pipeline.run(info, profile, whole);
        RunResult streamed = StreamingRun.of(pipeline).withChunkRows(chunkRows).run(info, profile, current, schema);
        assertSameRun(withoutDuration(streamed), withoutDuration(expected), "run");
        assertThat(streamed.run().currentRows()).isEqualTo(CURRENT_ROWS);
    }

    @Test
    void labelsBelowTheCoverageCountAsNotYetArrived() throws Exception {
        Path half = dir.resolve("half-labelled.csv");
        List<String> lines = Files.readAllLines(current);
        List<String> out = new java.util.ArrayList<>();
        out.add(lines.get(0));
        int target = java.util.Arrays.asList(lines.get(0).split(",")).indexOf(config.roles().target());
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (i % 2 == 0) {
                cells[target] = "";
            }
            out.add(String.join(",", cells));
        }
        Files.write(half, out);
        RunResult expected = pipeline.run(info, profile, CsvReader.withDefaults().read(half, schema));
        RunResult streamed = StreamingRun.of(pipeline).withChunkRows(256).run(info, profile, half, schema);
        assertThat(expected.performance()).isNull();
        assertSameRun(withoutDuration(streamed), withoutDuration(expected), "run");
    }

    @Test
    void theSnapshotDateComesFromTheEarliestPrediction() {
        RunResult streamed = StreamingRun.of(pipeline).withChunkRows(500)
                .run(info, profile, current, schema, io.modelwatch.core.anomaly.MetricHistory.empty(), true);
        assertThat(streamed.run().snapshotDate()).isEqualTo(LocalDate.of(2026, 11, 27));
    }

    /** Issue 12: a header and no rows completes as a run with the "empty batch" finding, as the file read whole. */
    @Test
    void aFileWithOnlyAHeaderCompletesWithTheEmptyBatchFinding() throws Exception {
        Path empty = dir.resolve("header-only.csv");
        Files.writeString(empty, Files.readAllLines(current).get(0) + "\n");
        RunResult streamed = StreamingRun.of(pipeline).run(info, profile, empty, schema);
        RunResult whole = pipeline.run(info, profile, io.modelwatch.core.data.CsvReader.withDefaults().read(empty, schema));
        assertThat(streamed.quality().findings()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(io.modelwatch.core.quality.QualityFinding.Kind.EMPTY_BATCH);
            assertThat(f.message()).contains("header-only.csv");
        });
        assertSameRun(withoutDuration(streamed), withoutDuration(whole), "run");
    }
}
