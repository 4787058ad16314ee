package io.modelwatch.ingest.rest;

import io.modelwatch.core.events.Channels;
import io.modelwatch.support.testing.ChurnFixtures;
import io.modelwatch.support.testing.TestBus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identical {@code POST /runs} requests sent at the same moment start one run: the check for an earlier run of the
 * same model, date and source and the insert of a new one are one atomic step (an advisory lock on that identity).
 */
@QuarkusTest
class ConcurrentRunsTest {

    private static final int REQUESTS = 20;
    private static TestBus bus;
    private static Path dir;

    @Inject
    DataSource dataSource;
    @ConfigProperty(name = "modelwatch.bus.exchange")
    String exchange;

    @BeforeAll
    static void setUp() throws Exception {
        bus = TestBus.connect();
        dir = Files.createTempDirectory("ingest-concurrent");
        ChurnFixtures.reference(dir);
        ChurnFixtures.drifted(dir);
    }

    @AfterAll
    static void tearDown() throws Exception {
        bus.deleteTestNames();
        bus.close();
    }

    @Test
    void twentyIdenticalRequestsAtOnceStartOneRun() throws Exception {
        String model = "model-" + UUID.randomUUID();
        String batchQueue = bus.listen(exchange, Channels.BATCH_READY);
        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "source", dir.resolve("reference.csv").toString()))
                .post("/references").then().statusCode(201);
        Map<String, Object> body = Map.of("modelId", model, "date", ChurnFixtures.DRIFTED_DATE.toString(),
                "source", dir.resolve("drifted.csv").toString());

        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < REQUESTS; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).body(body).post("/runs");
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            List<String> runIds = new ArrayList<>();
            for (Future<Response> f : answers) {
                Response r = f.get();
                statuses.add(r.statusCode());
                runIds.add(r.path("runId"));
            }
            assertThat(statuses).as("one new run, the others answered as existing")
                    .containsOnly(200, 202).filteredOn(s -> s == 202).hasSize(1);
            assertThat(runIds).doesNotContainNull().containsOnly(runIds.get(0));
        } finally {
            pool.shutdownNow();
        }

        assertThat(runsInDatabase(model)).isEqualTo(1);
        assertThat(bus.take(batchQueue, Duration.ofSeconds(20))).as("the run is announced").isPresent();
        assertThat(bus.take(batchQueue, Duration.ofSeconds(2))).as("once").isEmpty();
    }

    private int runsInDatabase(String model) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from ingest.run where model_id = ?")) {
            ps.setString(1, model);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
