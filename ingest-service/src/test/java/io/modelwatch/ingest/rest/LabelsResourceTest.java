package io.modelwatch.ingest.rest;

import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.LabelsReady;
import io.modelwatch.support.messaging.EventCodec;
import io.modelwatch.support.store.BatchStore;
import io.modelwatch.support.testing.ChurnFixtures;
import io.modelwatch.support.testing.TestBus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** {@code POST /labels} against the real local RabbitMQ and PostgreSQL: coverage threshold, accumulation, once-only. */
@QuarkusTest
class LabelsResourceTest {

    private static final List<String> LABEL_COLUMNS = List.of("customer_id", "churn_actual", "label_effective_date");

    private static TestBus bus;
    private static Path dir;

    @Inject
    BatchStore store;
    @Inject
    EventCodec codec;
    @ConfigProperty(name = "modelwatch.bus.exchange")
    String exchange;

    @BeforeAll
    static void setUp() throws Exception {
        bus = TestBus.connect();
        dir = Files.createTempDirectory("labels-test");
        ChurnFixtures.reference(dir);
        List<String> day = Files.readAllLines(ChurnFixtures.drifted(dir));
        List<String> header = List.of(day.get(0).split(","));
        int rows = day.size() - 1;
        Files.write(dir.resolve("predictions.csv"), project(day, header, header.stream()
                .filter(h -> h.equals("customer_id") || !LABEL_COLUMNS.contains(h)).toList(), 0, rows));
        // two deliveries: the first 60 % of the rows, then the last 40 %; neither alone reaches 0.9
        int split = rows * 6 / 10;
        Files.write(dir.resolve("labels-first.csv"), project(day, header, LABEL_COLUMNS, 0, split));
        Files.write(dir.resolve("labels-rest.csv"), project(day, header, LABEL_COLUMNS, split, rows));
        Files.write(dir.resolve("no-target.csv"), project(day, header, List.of("customer_id"), 0, rows));
    }

    @AfterAll
    static void tearDown() throws Exception {
        bus.deleteTestNames();
        bus.close();
    }

    @Test
    void labelsAccumulateAndTheCohortIsAnnouncedOnceWhenCoverageReachesTheThreshold() throws Exception {
        String model = "model-" + UUID.randomUUID();
        String readyQueue = bus.listen(exchange, Channels.LABELS_READY);
        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "source", dir.resolve("reference.csv").toString()))
                .post("/references").then().statusCode(201);
        String date = ChurnFixtures.DRIFTED_DATE.toString();
        String runId = given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "date", date, "source", dir.resolve("predictions.csv").toString()))
                .post("/runs").then().statusCode(202).body("hasLabels", equalTo(false)).extract().path("runId");

        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "date", date, "source", dir.resolve("labels-first.csv").toString()))
                .post("/labels").then().statusCode(200)
                .body("runId", equalTo(runId)).body("realised", equalTo(false)).body("published", equalTo(false))
                .body("coverage", equalTo(0.6f));
        assertThat(bus.take(readyQueue, Duration.ofSeconds(1))).as("labels.ready below min coverage").isEmpty();

        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "date", date, "source", dir.resolve("labels-rest.csv").toString()))
                .post("/labels").then().statusCode(202)
                .body("realised", equalTo(true)).body("published", equalTo(true))
                .body("labelledRows", equalTo(ChurnFixtures.ROWS)).body("coverage", equalTo(1.0f));
        LabelsReady ready = codec.read(bus.take(readyQueue, Duration.ofSeconds(20)).orElseThrow(
                () -> new AssertionError("no labels.ready")).body(), LabelsReady.class).validate();
        assertThat(ready.runId()).isEqualTo(runId);
        assertThat(ready.coverage()).isEqualTo(1.0);

        // both deliveries' labels are in the stored batch, next to the predictions
        ColumnBatch stored = store.loadBatch(ready.batchId(), List.of("customer_id", "churn_actual", "churn_probability"));
        assertThat(stored.column("churn_actual").nullCount()).isZero();
        assertThat(stored.column("churn_probability").size()).isEqualTo(ChurnFixtures.ROWS);

        // the same labels again: already realised, nothing published
        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "date", date, "source", dir.resolve("labels-rest.csv").toString()))
                .post("/labels").then().statusCode(200)
                .body("alreadyRealised", equalTo(true)).body("published", equalTo(false));
        assertThat(bus.take(readyQueue, Duration.ofSeconds(1))).as("labels.ready twice").isEmpty();
    }

    @Test
    void rejectsLabelsItCannotUse() {
        String model = "model-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "date", "2024-03-01", "source", dir.resolve("labels-first.csv").toString()))
                .post("/labels").then().statusCode(422).body("error", containsString("POST /runs first"));
        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "source", dir.resolve("reference.csv").toString()))
                .post("/references").then().statusCode(201);
        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "date", "2024-03-01", "source", dir.resolve("predictions.csv").toString()))
                .post("/runs").then().statusCode(202);
        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "date", "2024-03-01", "source", dir.resolve("no-target.csv").toString()))
                .post("/labels").then().statusCode(422).body("error", containsString("churn_actual"));
    }

    /** Lines {@code from..to} (data rows, 0-based) of a generated CSV with the named columns; generated files have no quoted fields. */
    static List<String> project(List<String> csv, List<String> header, List<String> keep, int from, int to) {
        int[] idx = keep.stream().mapToInt(header::indexOf).toArray();
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        out.add(String.join(",", keep));
        for (String line : csv.subList(1 + from, 1 + to)) {
            String[] f = line.split(",", -1);
            out.add(Arrays.stream(idx).mapToObj(i -> f[i]).collect(Collectors.joining(",")));
        }
        return out;
    }
}
