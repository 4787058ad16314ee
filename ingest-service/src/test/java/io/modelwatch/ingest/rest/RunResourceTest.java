package io.modelwatch.ingest.rest;

import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.events.BatchReady;
import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.MetricsComputed;
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
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/** ingest-service against the real local RabbitMQ and PostgreSQL (test exchange names). */
@QuarkusTest
class RunResourceTest {

    private static TestBus bus;
    private static Path dir;

    @Inject
    BatchStore store;
    @Inject
    EventCodec codec;
    @Inject
    DataSource dataSource;
    @ConfigProperty(name = "modelwatch.bus.exchange")
    String exchange;

    @BeforeAll
    static void setUp() throws Exception {
        bus = TestBus.connect();
        dir = Files.createTempDirectory("ingest-test");
        ChurnFixtures.reference(dir);
        ChurnFixtures.drifted(dir);
    }

    @AfterAll
    static void tearDown() throws Exception {
        bus.deleteTestNames();
        bus.close();
    }

    @Test
    void registersAReferenceStartsARunStoresTheBatchAndAnnouncesIt() throws Exception {
        String model = "model-" + UUID.randomUUID();
        String batchQueue = bus.listen(exchange, Channels.BATCH_READY);
        String qualityQueue = bus.listen(exchange, Channels.METRICS_QUALITY);

        String referenceId = given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "source", dir.resolve("reference.csv").toString()))
                .post("/references").then().statusCode(201)
                .body("rowCount", equalTo(ChurnFixtures.ROWS)).extract().path("referenceId");

        String runId = given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "date", ChurnFixtures.DRIFTED_DATE.toString(),
                        "source", dir.resolve("drifted.csv").toString()))
                .post("/runs").then().statusCode(202)
                .body("rowCount", equalTo(ChurnFixtures.ROWS)).body("referenceId", equalTo(referenceId))
                .extract().path("runId");

        BatchReady ready = codec.read(bus.take(batchQueue, Duration.ofSeconds(20)).orElseThrow().body(), BatchReady.class);
        assertThat(ready.validate().runId()).isEqualTo(runId);
        assertThat(ready.referenceId()).isEqualTo(referenceId);
        assertThat(ready.hasLabels()).isTrue();
        MetricsComputed quality = codec.read(bus.take(qualityQueue, Duration.ofSeconds(20)).orElseThrow().body(),
                MetricsComputed.class);
        assertThat(quality.validate().kind()).isEqualTo(MetricsComputed.QUALITY);

        ColumnBatch stored = store.loadBatch(ready.batchId(), List.of("customer_id", "account_age"));
        assertThat(stored.rowCount()).isEqualTo(ChurnFixtures.ROWS);
        assertThat(stored.columnNames()).containsExactly("customer_id", "account_age");

        given().get("/runs/{id}", runId).then().statusCode(200).body("batchId", equalTo(ready.batchId()));

        // a retried trigger answers the run it already started and announces nothing
        Map<String, Object> again = Map.of("modelId", model, "date", ChurnFixtures.DRIFTED_DATE.toString(),
                "source", dir.resolve("drifted.csv").toString());
        given().contentType(ContentType.JSON).body(again).post("/runs").then().statusCode(200)
                .body("runId", equalTo(runId)).body("existing", equalTo(true));
        assertThat(bus.take(batchQueue, Duration.ofSeconds(1))).isEmpty();
        Map<String, Object> rerun = new java.util.HashMap<>(again);
        rerun.put("rerun", true);
        String second = given().contentType(ContentType.JSON).body(rerun).post("/runs").then().statusCode(202)
                .extract().path("runId");
        assertThat(second).isNotEqualTo(runId);
        assertThat(bus.take(batchQueue, Duration.ofSeconds(20))).isPresent();
        given().get("/status").then().statusCode(200).body("counts.'run.started.processed'", greaterThanOrEqualTo(1));
    }

    @Test
    void readsTheWarehouseTableWithTheConfiguredQuery() throws Exception {
        String model = "model-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "source", dir.resolve("reference.csv").toString()))
                .post("/references").then().statusCode(201);
        // a date of its own, so concurrent runs of this test share the table without seeing each other's rows
        LocalDate day = LocalDate.of(2100, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(36500));
        loadWarehouseRows(dir.resolve("drifted.csv"), day);
        try {
            given().contentType(ContentType.JSON)
                    .body(Map.of("modelId", model, "date", day.toString(), "source", "warehouse:"))
                    .post("/runs").then().statusCode(202).body("rowCount", equalTo(ChurnFixtures.ROWS));
        } finally {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("delete from ingest_test.predictions where snapshot_date = ?")) {
                ps.setObject(1, day);
                ps.executeUpdate();
            }
        }
    }

    @Test
    void rejectsWhatItCannotRead() {
        String model = "model-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "date", "2024-03-01", "source", "/no/such/file.csv"))
                .post("/runs").then().statusCode(422).body("error", containsString("no reference registered"));
        String missing = dir.resolve("no-such-file.csv").toString();
        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "source", missing))
                .post("/references").then().statusCode(422).body("error", containsString(missing))
                .body("field", equalTo("source"));
    }

    /** The local stand-in for the warehouse: the drifted file as the rows of one date (client-side COPY). */
    private void loadWarehouseRows(Path csv, LocalDate day) throws Exception {
        List<String> header = List.of(Files.readAllLines(csv).get(0).split(","));
        StringBuilder ddl = new StringBuilder("create table if not exists ingest_test.predictions (");
        for (String h : header) {
            ddl.append(h).append(" text, ");
        }
        ddl.append("snapshot_date date)");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create schema if not exists ingest_test");
            s.execute(ddl.toString());
            s.execute("create temporary table load (like ingest_test.predictions)");
            try (Reader r = Files.newBufferedReader(csv)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "copy load (" + String.join(",", header) + ") from stdin with (format csv, header true)", r);
            }
            try (PreparedStatement ps = c.prepareStatement("update load set snapshot_date = ?")) {
                ps.setObject(1, day);
                ps.executeUpdate();
            }
            s.execute("insert into ingest_test.predictions select * from load");
            s.execute("drop table load");
        }
    }
}
