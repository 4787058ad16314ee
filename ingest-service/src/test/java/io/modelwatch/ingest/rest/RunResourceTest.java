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
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
        given().get("/status").then().statusCode(200).body("counts.'run.started.processed'", greaterThanOrEqualTo(1));
    }

    @Test
    void readsTheWarehouseTableWithTheConfiguredQuery() throws Exception {
        String model = "model-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "source", dir.resolve("reference.csv").toString()))
                .post("/references").then().statusCode(201);
        loadWarehouseTable(dir.resolve("drifted.csv"));

        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "date", ChurnFixtures.DRIFTED_DATE.toString(), "source", "warehouse:"))
                .post("/runs").then().statusCode(202).body("rowCount", equalTo(ChurnFixtures.ROWS));
    }

    @Test
    void rejectsWhatItCannotRead() {
        String model = "model-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "date", "2024-03-01", "source", "/no/such/file.csv"))
                .post("/runs").then().statusCode(422).body("error", containsString("no reference registered"));
        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "source", "/no/such/file.csv"))
                .post("/references").then().statusCode(422).body("error", containsString("/no/such/file.csv"));
    }

    /** The local stand-in for the warehouse: the drifted file in a table with a date column (client-side COPY). */
    private void loadWarehouseTable(Path csv) throws Exception {
        List<String> header = List.of(Files.readAllLines(csv).get(0).split(","));
        StringBuilder ddl = new StringBuilder("create table ingest_test.predictions (");
        for (String h : header) {
            ddl.append(h).append(" text, ");
        }
        ddl.append("snapshot_date date default '").append(ChurnFixtures.DRIFTED_DATE).append("')");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create schema if not exists ingest_test");
            s.execute("drop table if exists ingest_test.predictions");
            s.execute(ddl.toString());
            try (Reader r = Files.newBufferedReader(csv)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "copy ingest_test.predictions (" + String.join(",", header) + ") from stdin with (format csv, header true)", r);
            }
        }
    }
}
