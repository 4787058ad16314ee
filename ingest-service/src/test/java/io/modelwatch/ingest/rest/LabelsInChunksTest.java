package io.modelwatch.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.data.TimestampColumn;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.result.PerformanceSection;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.support.compute.ModelPipelines;
import io.modelwatch.support.compute.SectionComputation;
import io.modelwatch.support.store.BatchStore;
import io.modelwatch.support.testing.ChurnFixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code POST /labels} on a cohort stored in chunks of 7 rows (a 2000-row day in 286 chunks), read and labelled chunk by
 * chunk: the answers are the counts of the label files as written here, the stored labels are the generated day's,
 * and the realised performance counted from the store (as performance-service counts it) is the core's on the
 * generated day read whole with its labels (what the CLI computes). The same deliveries to the same day stored whole
 * ({@code store.batch_column}, as before chunks) answer and store the same.
 */
@QuarkusTest
@TestProfile(LabelsInChunksTest.SevenRowChunks.class)
class LabelsInChunksTest {

    /** Chunks of 7 rows: 2000 rows end in a chunk of 5. */
    public static class SevenRowChunks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("modelwatch.ingest.chunk-rows", "7");
        }
    }

    private static final List<String> LABEL_COLUMNS = List.of("customer_id", "churn_actual", "label_effective_date");
    private static final int ROWS = ChurnFixtures.ROWS;
    /** The first delivery labels rows 0..1199, the second 1000..1999 (200 rows twice, with the same labels). */
    private static final int FIRST_END = 1200;
    private static final int REST_START = 1000;

    private static Path dir;
    private static Path day;

    @Inject
    BatchStore store;
    @Inject
    ModelPipelines pipelines;
    @Inject
    DataSource dataSource;

    @BeforeAll
    static void setUp() throws Exception {
        dir = Files.createTempDirectory("labels-chunks-test");
        ChurnFixtures.reference(dir);
        day = ChurnFixtures.drifted(dir);
        List<String> lines = Files.readAllLines(day);
        List<String> header = List.of(lines.get(0).split(","));
        Files.write(dir.resolve("predictions.csv"), LabelsResourceTest.project(lines, header, header.stream()
                .filter(h -> h.equals("customer_id") || !LABEL_COLUMNS.contains(h)).toList(), 0, ROWS));

        // first: rows 0..1199; then rows 0, 1 and 2 again with the opposite label (repeats: the first label is used);
        // then 5 ids of no prediction
        List<String> first = new ArrayList<>(LabelsResourceTest.project(lines, header, LABEL_COLUMNS, 0, FIRST_END));
        for (String repeat : LabelsResourceTest.project(lines, header, LABEL_COLUMNS, 0, 3).subList(1, 4)) {
            String[] f = repeat.split(",", -1);
            f[1] = "1".equals(f[1]) ? "0" : "1";
            first.add(String.join(",", f));
        }
        for (int i = 1; i <= 5; i++) {
            first.add("UNKNOWN-" + i + ",1,2024-05-01");
        }
        Files.write(dir.resolve("labels-first.csv"), first);

        // the rest: rows 1000..1999, then row 5's id without a label (it keeps the first delivery's)
        List<String> rest = new ArrayList<>(LabelsResourceTest.project(lines, header, LABEL_COLUMNS, REST_START, ROWS));
        rest.add(lines.get(1 + 5).split(",", -1)[header.indexOf("customer_id")] + ",,");
        Files.write(dir.resolve("labels-rest.csv"), rest);
    }

    @Test
    void aCohortInChunksIsLabelledAsTheWholeDay() throws Exception {
        String model = "chunked-" + UUID.randomUUID();
        String batchId = startRun(model);
        assertThat(chunkCount(batchId)).as("chunks of 7 rows").isEqualTo((ROWS + 6) / 7);
        deliverAndCheck(model, batchId);
        assertThat(chunkCount(batchId)).as("the labels are cut at the same chunks").isEqualTo((ROWS + 6) / 7);
    }

    @Test
    void aCohortStoredWholeBeforeChunksIsLabelledTheSame() throws Exception {
        String model = "whole-" + UUID.randomUUID();
        String batchId = startRun(model);
        // the same predictions stored again, whole, column by column, under the same batch id
        ColumnBatch predictions = CsvReader.withDefaults().read(dir.resolve("predictions.csv"),
                TableSchema.forConfig(pipelines.forReference(referenceOf(batchId)).config()));
        QuarkusTransaction.requiringNew().run(() -> {
            store.deleteBatch(batchId);
            store.saveBatch(batchId, model, ChurnFixtures.DRIFTED_DATE, predictions);
        });
        assertThat(chunkCount(batchId)).as("stored whole").isNull();
        deliverAndCheck(model, batchId);
    }

    private void deliverAndCheck(String model, String batchId) throws Exception {
        // 1200 + 3 repeats + 5 unknown ids; 1200 predictions labelled: 0.6 < 0.9
        deliver(model, "labels-first.csv", 200)
                .body("labelRows", equalTo(FIRST_END + 3 + 5)).body("matched", equalTo(FIRST_END))
                .body("unmatchedLabels", equalTo(5)).body("duplicateLabelIds", equalTo(3))
                .body("labelledRows", equalTo(FIRST_END)).body("coverage", equalTo(0.6f))
                .body("realised", equalTo(false)).body("published", equalTo(false));
        // 1000 rows and row 5 without a label (matched, but it keeps the earlier label): every row labelled
        deliver(model, "labels-rest.csv", 202)
                .body("labelRows", equalTo(ROWS - REST_START + 1)).body("matched", equalTo(ROWS - REST_START + 1))
                .body("unmatchedLabels", equalTo(0)).body("duplicateLabelIds", equalTo(0))
                .body("labelledRows", equalTo(ROWS)).body("coverage", equalTo(1.0f))
                .body("realised", equalTo(true)).body("published", equalTo(true));

        // the stored labels are the generated day's, row for row
        ColumnBatch generated = CsvReader.withDefaults().read(day,
                TableSchema.forConfig(pipelines.forReference(referenceOf(batchId)).config()));
        ColumnBatch stored = store.loadBatch(batchId, LABEL_COLUMNS);
        assertThat(((NumericColumn) stored.column("churn_actual")).values())
                .containsExactly(((NumericColumn) generated.column("churn_actual")).values());
        assertThat(((TimestampColumn) stored.column("label_effective_date")).epochMillis())
                .containsExactly(((TimestampColumn) generated.column("label_effective_date")).epochMillis());

        // the realised performance counted from the store chunk by chunk equals the core's on the whole generated day
        String referenceId = referenceOf(batchId);
        ReferenceProfile profile = ReferenceProfile.fromBytes(store.profile(referenceId).orElseThrow().profile());
        MonitoringPipeline pipeline = pipelines.forProfile(referenceId, profile);
        PerformanceSection expected = pipeline.performance(profile, generated);
        PerformanceSection realised = streamed(batchId, pipeline, profile);
        assertThat(realised.performance()).as("realised performance").isNotNull();
        assertThat(tree(realised.performance())).isEqualTo(tree(expected.performance()));
        assertThat(tree(realised.concept())).isEqualTo(tree(expected.concept()));
    }

    private String startRun(String model) {
        String referenceId = given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "source", dir.resolve("reference.csv").toString()))
                .post("/references").then().statusCode(201).extract().path("referenceId");
        assertThat(referenceId).isNotNull();
        String runId = given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "date", ChurnFixtures.DRIFTED_DATE.toString(),
                        "source", dir.resolve("predictions.csv").toString()))
                .post("/runs").then().statusCode(202).body("hasLabels", equalTo(false)).extract().path("runId");
        return query("select batch_id from ingest.run where run_id = ?", runId);
    }

    private static ValidatableResponse deliver(String model, String file, int status) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "date", ChurnFixtures.DRIFTED_DATE.toString(),
                        "source", dir.resolve(file).toString()))
                .post("/labels").then().statusCode(status);
    }

    /** The performance section of a stored batch, counted chunk by chunk as performance-service counts it. */
    private PerformanceSection streamed(String batchId, MonitoringPipeline pipeline, ReferenceProfile profile) {
        List<SectionComputation.SectionCounts<PerformanceSection>> counts = new ArrayList<>();
        long[] rows = new long[1];
        store.streamBatch(batchId, SectionComputation.neededColumns(pipeline.config()), chunk -> {
            if (counts.isEmpty()) {
                counts.add(SectionComputation.PERFORMANCE.start(pipeline, profile, chunk));
            }
            counts.get(0).add(chunk);
            rows[0] += chunk.rowCount();
        });
        assertThat(rows[0]).isEqualTo(ROWS);
        return counts.get(0).result(rows[0]);
    }

    private static JsonNode tree(Object value) {
        return Json.mapper().valueToTree(value);
    }

    private String referenceOf(String batchId) {
        return query("select reference_id from ingest.run where batch_id = ?", batchId);
    }

    private Integer chunkCount(String batchId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select chunk_count from store.batch where batch_id = ?")) {
            ps.setString(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int n = rs.getInt(1);
                return rs.wasNull() ? null : n;
            }
        }
    }

    private String query(String sql, String parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(sql + " " + parameter).isTrue();
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
