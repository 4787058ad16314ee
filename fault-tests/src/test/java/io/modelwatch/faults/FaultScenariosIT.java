package io.modelwatch.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.modelwatch.core.events.Channels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.modelwatch.faults.FaultEnvironment.RUN_DATE;
import static io.modelwatch.faults.FaultEnvironment.SCHEMAS;
import static io.modelwatch.faults.FaultEnvironment.SERVICES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12's faults against the five services on the suite's own PostgreSQL and RabbitMQ ({@link FaultEnvironment}):
 * every scenario runs the same day of the same data for a model of its own and must end with what an undisturbed run
 * of that day left, value for value: the snapshot's metrics, alerts and drift, the rows of every table keyed by the
 * run, and the Slack notifications.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultScenariosIT {

    private static final Duration COMPLETE_WITHIN = Duration.ofSeconds(150);
    private static FaultEnvironment env;
    /** The undisturbed run's comparable snapshot, row counts and notifications. */
    private static JsonNode cleanSnapshot;
    private static Map<String, Long> cleanRows;
    private static long cleanNotifications;
    private static String cleanRunId;

    @BeforeAll
    static void cleanRun() throws Exception {
        env = FaultEnvironment.get();
        long t0 = System.currentTimeMillis();
        String model = "fx-clean";
        env.registerModel(model);
        cleanRunId = env.startRun(model, RUN_DATE);
        JsonNode snapshot = awaitSnapshot(cleanRunId);
        cleanSnapshot = env.comparable(snapshot, model);
        settle();
        cleanRows = env.rowCounts(cleanRunId);
        cleanNotifications = env.notifications(model);
        assertThat(cleanRows.get("drift.metrics_log")).isPositive();
        assertThat(cleanRows.get("performance.metrics_log")).isPositive();
        assertThat(cleanRows.get("alert.alert")).isPositive();
        env.figures.add("undisturbed run (the reference)", 1, total(cleanRows), retries(), 0, System.currentTimeMillis() - t0);
    }

    /** 1. Each service in turn killed with SIGKILL at a random point shortly after POST /runs, then restarted. */
    @Test
    @Order(1)
    void eachServiceKilledMidRunCompletesWithTheUndisturbedNumbers() throws Exception {
        Random random = new Random(12);
        for (String service : SERVICES) {
            long t0 = System.currentTimeMillis();
            long retriesBefore = retries();
            String model = "fx-kill-" + service;
            env.registerModel(model);
            String runId = env.startRun(model, RUN_DATE);
            int delay = random.nextInt(400);
            Thread.sleep(delay);
            env.kill(service);
            env.restart(service);
            assertCompletesLikeTheCleanRun(model, runId, "after SIGKILL of " + service + " " + delay + " ms into the run");
            env.figures.add("SIGKILL " + service + " +" + delay + " ms, restart", 1, total(cleanRows), retries() - retriesBefore, 0,
                    System.currentTimeMillis() - t0);
        }
    }

    /** 2. The broker stopped right after POST /runs and started again 5 s later. */
    @Test
    @Order(2)
    void brokerRestartedMidRunLosesAndDoublesNothing() throws Exception {
        long t0 = System.currentTimeMillis();
        long retriesBefore = retries();
        String model = "fx-broker";
        env.registerModel(model);
        String runId = env.startRun(model, RUN_DATE);
        env.rabbitStopApp();
        Thread.sleep(5000);
        env.rabbitStartApp();
        assertCompletesLikeTheCleanRun(model, runId, "after a broker restart");
        env.figures.add("broker stopped 5 s mid-run", 1, total(cleanRows), retries() - retriesBefore, 0, System.currentTimeMillis() - t0);
    }

    /**
     * 3. PostgreSQL stopped for 30 s while the run's events are in the consumers (drift, performance, alert and report
     * services frozen with SIGSTOP until the database is down, so the timing is not luck): they retry, dead-letter,
     * and after the database is back {@code POST /dead-letters/replay} brings the run to completion.
     */
    @Test
    @Order(3)
    void postgresDownMidRunDeadLettersAndReplayCompletesTheRun() throws Exception {
        long t0 = System.currentTimeMillis();
        long retriesBefore = retries();
        String model = "fx-postgres";
        env.registerModel(model);
        List<String> consumers = SERVICES.subList(1, SERVICES.size());
        for (String s : consumers) {
            env.signal(s, "STOP");
        }
        String runId;
        try {
            runId = env.startRun(model, RUN_DATE);
            await().atMost(Duration.ofSeconds(30)).until(() -> env.sql("select count(*) from ingest.event_outbox where sent_at is null") == 0);
            env.pgStop();
        } finally {
            for (String s : consumers) {
                env.signal(s, "CONT");
            }
        }
        long downAt = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(30)).until(() -> env.deadLetterDepth() > 0);
        Thread.sleep(Math.max(0, 30_000 - (System.currentTimeMillis() - downAt)));
        long deadLetters = env.deadLetterDepth();
        env.pgStart();
        for (String s : SERVICES) {
            env.awaitReady(s, Duration.ofSeconds(60));
        }
        long replayed = 0;
        for (String s : SERVICES) {
            replayed += env.postJson(s, "/dead-letters/replay", Map.of(), 200).get("replayed").asLong();
        }
        assertThat(deadLetters).as("messages dead-lettered while PostgreSQL was down").isPositive();
        assertThat(replayed).as("replayed = the dead letters counted on the broker").isEqualTo(deadLetters);
        assertCompletesLikeTheCleanRun(model, runId, "after PostgreSQL was down 30 s and the dead letters were replayed");
        assertThat(env.deadLetterDepth()).isZero();
        env.figures.add("PostgreSQL stopped 30 s mid-run, replay", 1, total(cleanRows), retries() - retriesBefore, replayed,
                System.currentTimeMillis() - t0);
    }

    /** 4. 100 POST /runs at once over 4 models and 3 dates (12 distinct runs, 8 or 9 identical requests each). */
    @Test
    @Order(4)
    void hundredConcurrentRunsCreateOneRunPerIdentityAndAllComplete() throws Exception {
        long t0 = System.currentTimeMillis();
        long retriesBefore = retries();
        List<String> models = List.of("fx-conc-a", "fx-conc-b", "fx-conc-c", "fx-conc-d");
        List<LocalDate> dates = List.of(RUN_DATE, RUN_DATE.plusDays(1), RUN_DATE.plusDays(2));
        for (String m : models) {
            env.registerModel(m);
        }
        ExecutorService pool = Executors.newFixedThreadPool(100);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        List<String> identities = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                String model = models.get(i % 4);
                LocalDate date = dates.get((i / 4) % 3);
                identities.add(model + "|" + date);
                String body = env.mapper.writeValueAsString(Map.of("modelId", model, "date", date.toString(),
                        "source", env.data.resolve("day.csv").toString()));
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return env.post("ingest-service", "/runs", body);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
        Map<String, Set<String>> runIdsByIdentity = new HashMap<>();
        int created = 0;
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = answers.get(i).get();
            assertThat(r.statusCode()).as(r.body()).isIn(200, 202);
            created += r.statusCode() == 202 ? 1 : 0;
            runIdsByIdentity.computeIfAbsent(identities.get(i), k -> new HashSet<>()).add(env.mapper.readTree(r.body()).get("runId").asText());
        }
        assertThat(runIdsByIdentity).hasSize(12);
        assertThat(runIdsByIdentity.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
        assertThat(created).as("202 answers").isEqualTo(12);
        assertThat(env.sql("select count(*) from ingest.run where model_id like 'fx-conc-%'")).isEqualTo(12);
        long rows = 0;
        for (Set<String> ids : runIdsByIdentity.values()) {
            String runId = ids.iterator().next();
            awaitSnapshot(runId);
            for (String schema : List.of("ingest", "drift", "performance")) {
                String table = schema + ".metrics_log";
                await().atMost(COMPLETE_WITHIN).untilAsserted(() ->
                        assertThat(env.rowCounts(runId).get(table)).as(table).isEqualTo(cleanRows.get(table)));
                rows += cleanRows.get(table);
            }
        }
        env.figures.add("100 concurrent POST /runs (12 distinct)", 12, rows, retries() - retriesBefore, 0, System.currentTimeMillis() - t0);
    }

    /** 5. Every event of the undisturbed run published a second time (its outbox rows marked unsent): no row changes. */
    @Test
    @Order(5)
    void everyEventDeliveredTwiceChangesNoRow() throws Exception {
        long t0 = System.currentTimeMillis();
        long retriesBefore = retries();
        long republished = 0;
        for (String schema : SCHEMAS) {
            republished += env.sql("update " + schema + ".event_outbox set sent_at = null where payload like ?", "%" + cleanRunId + "%");
        }
        assertThat(republished).as("outbox rows of the run (batch.ready, metrics.*, alert.raised)").isGreaterThanOrEqualTo(4);
        await().atMost(Duration.ofSeconds(60)).until(() -> env.pendingOutbox() == 0);
        settle();
        assertThat(env.rowCounts(cleanRunId)).isEqualTo(cleanRows);
        assertThat(env.notifications("fx-clean")).isEqualTo(cleanNotifications);
        assertThat(env.comparable(env.snapshot(cleanRunId), "fx-clean")).isEqualTo(cleanSnapshot);
        env.figures.add("every event of a run published twice (" + republished + " events)", 1, total(cleanRows),
                retries() - retriesBefore, 0, System.currentTimeMillis() - t0);
    }

    /**
     * 6. Malformed events on the bus (not JSON, empty, JSON of the wrong shape, wrong types): each is dead-lettered,
     * none is processed, and the consumers keep going (a run after them completes like the undisturbed one).
     */
    @Test
    @Order(6)
    void malformedEventsAreDeadLetteredAndTheConsumersKeepGoing() throws Exception {
        long t0 = System.currentTimeMillis();
        long retriesBefore = retries();
        long before = env.deadLetterDepth();
        List<String> bodies = List.of("", "not json", "{", "[]", "null", "{\"runId\":42}", "{\"runId\":\"no-such-run\"}",
                "{\"runId\":\"x\",\"modelId\":[1],\"date\":\"2024-13-45\"}", "\"" + "x".repeat(100_000) + "\"",
                "{\"runId\":\"\\u0000\",\"batchId\":-1}");
        // routing key -> queues bound to it: batch.ready (drift, performance), metrics.drift (alert, report),
        // labels.ready (performance), metrics.performance.realised (alert, report)
        Map<String, Integer> routes = Map.of("batch.ready", 2, "metrics.drift", 2, "labels.ready", 1,
                "metrics.performance.realised", 2);
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(env.amqpPort);
        long expected = 0;
        try (Connection c = f.newConnection("fault-tests-malformed"); Channel ch = c.createChannel()) {
            for (var route : routes.entrySet()) {
                for (String body : bodies) {
                    ch.basicPublish(Channels.EXCHANGE, route.getKey(), new AMQP.BasicProperties.Builder()
                            .contentType("application/json").messageId(UUID.randomUUID().toString()).build(),
                            body.getBytes(StandardCharsets.UTF_8));
                    expected += route.getValue();
                }
            }
        }
        long sent = expected;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> env.deadLetterDepth() - before == sent);
        for (String s : SERVICES) {
            assertThat(env.ready(s)).as(s + " ready").isTrue();
        }
        String model = "fx-after-malformed";
        env.registerModel(model);
        assertCompletesLikeTheCleanRun(model, env.startRun(model, RUN_DATE), "after " + sent + " malformed events");
        assertThat(env.deadLetterDepth() - before).as("dead letters").isEqualTo(sent);
        env.figures.add("malformed events on the bus (" + sent + " deliveries), then a run", 1, total(cleanRows),
                retries() - retriesBefore, 0, System.currentTimeMillis() - t0);
    }

    @AfterAll
    static void printFigures() {
        env.figures.print();
    }

    // ---------------------------------------------------------------- helpers

    private static void assertCompletesLikeTheCleanRun(String model, String runId, String what) throws Exception {
        JsonNode snapshot = awaitSnapshot(runId);
        await().atMost(COMPLETE_WITHIN).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(env.rowCounts(runId)).as("rows of the run " + what).isEqualTo(cleanRows));
        settle();
        assertThat(env.rowCounts(runId)).as("rows of the run " + what + ", once the bus is quiet").isEqualTo(cleanRows);
        assertThat(env.comparable(snapshot, model)).as("snapshot " + what).isEqualTo(cleanSnapshot);
        assertThat(env.notifications(model)).as("Slack notifications " + what).isEqualTo(cleanNotifications);
    }

    private static JsonNode awaitSnapshot(String runId) throws Exception {
        JsonNode[] s = new JsonNode[1];
        await().atMost(COMPLETE_WITHIN).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> (s[0] = env.snapshot(runId)) != null);
        return s[0];
    }

    /** Waits until every outbox row is sent and every queue is empty (nothing in flight), then one relay period more. */
    private static void settle() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> env.pendingOutbox() == 0 && env.workDepth() == 0);
        Thread.sleep(1500);
    }

    private static long total(Map<String, Long> rows) {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Consumer retries over the five services, from their /status ({@code <Event>.retried}). */
    static long retries() throws Exception {
        long n = 0;
        for (String s : SERVICES) {
            try {
                n += sumRetried(env.mapper.readTree(env.get(s, "/status").body()), "");
            } catch (Exception e) {
                // a service being restarted has no count to give
            }
        }
        return n;
    }

    private static long sumRetried(JsonNode node, String key) {
        if (node.isNumber()) {
            return key.endsWith("retried") ? node.asLong() : 0;
        }
        long n = 0;
        var fields = node.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            n += sumRetried(f.getValue(), key.isEmpty() ? f.getKey() : key + "." + f.getKey());
        }
        if (node.isArray()) {
            for (JsonNode e : node) {
                n += sumRetried(e, key);
            }
        }
        return n;
    }
}
