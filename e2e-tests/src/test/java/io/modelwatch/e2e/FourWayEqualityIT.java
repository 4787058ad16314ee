package io.modelwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.modelwatch.core.events.Channels;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17: one day's batch through the four ways a run is computed gives one snapshot. The legs, on the same
 * reference and day files with the same configuration:
 * <ol>
 *   <li>the CLI, {@code monitor run} (the packaged jar) on the reference CSV;</li>
 *   <li>the Spark job in local mode ({@code scripts/spark-local.sh}, {@code local[2]}, the day cut into
 *       {@link #SPARK_PARTITIONS} byte ranges) on the reference's profile ({@code monitor profile});</li>
 *   <li>the five services, one process each, the day stored and read back in chunks of 500 rows
 *       ({@code MODELWATCH_INGEST_CHUNK_ROWS} of the {@link Deployment}) and counted in one pass;</li>
 *   <li>the same day again ({@code "rerun": true}) with two processes each of drift-service and performance-service on
 *       the same database and queues, started with {@link #CHUNKS_PER_TASK_ENV} = 1: the run cut into one chunk task per stored chunk, both
 *       replicas of each service take tasks (asserted from {@code chunk_task}), one merges them.</li>
 * </ol>
 * The snapshots are compared pairwise as JSON text after {@link ComparableSnapshot#of} (the run's ids, times and
 * input names, and nothing else): every metric, drift result, performance figure, quality finding, segment and alert
 * bit for bit. The day has drift, labels, three segmentations, nulls and quality findings in several chunks and
 * partitions ({@link #withFindings}). The Spark job runs in its own JVM while the services compute legs 3 and 4.
 */
@ExtendWith(Deployment.Extension.class)
class FourWayEqualityIT {

    /**
     * The setting that splits one run's chunks into tasks that the replicas of drift-service and performance-service
     * share ({@code modelwatch.compute.chunks-per-task}): 0 in the {@link Deployment} (leg 3 counts a run in one
     * pass), 1 for leg 4's processes (one task per stored chunk, shared by both replicas and merged).
     */
    static final String CHUNKS_PER_TASK_ENV = "MODELWATCH_COMPUTE_CHUNKS_PER_TASK";
    /** Processes of each computing service in leg 4. */
    private static final int REPLICAS = 2;
    private static final List<String> REPLICATED = List.of("drift-service", "performance-service");
    /** Their batch.ready queues' names without the deployment's prefix ({@link Channels#queue}). */
    private static final List<String> REPLICATED_QUEUE_OWNERS = List.of(Channels.DRIFT_SERVICE, Channels.PERFORMANCE_SERVICE);

    private static final LocalDate REFERENCE_DATE = LocalDate.of(2025, 6, 2);
    private static final LocalDate DAY = LocalDate.of(2025, 8, 14);
    private static final int REFERENCE_ROWS = 6_000;
    /** 24 chunks of the deployment's 500 rows. */
    private static final int DAY_ROWS = 12_000;
    private static final int SPARK_PARTITIONS = 4;
    private static final String SPARK_LEG = "Spark local[2]";

    private static Deployment deployment;
    private static Path data;
    private static Path reference;
    private static Path day;
    private static String model;

    @BeforeAll
    static void files(Deployment started) throws Exception {
        deployment = started;
        data = started.data.resolve("fourway");
        Files.createDirectories(data);
        model = "churn-fourway-" + Deployment.RUN_TAG;
        reference = data.resolve("reference.csv");
        ChurnDataGenerator.of(Scenario.STABLE, REFERENCE_DATE, "R").write(reference, REFERENCE_ROWS, 61);
        Path generated = data.resolve("generated-day.csv");
        ChurnDataGenerator.of(Scenario.DRIFT, DAY, "C").write(generated, DAY_ROWS, 62);
        day = Files.write(data.resolve("day.csv"), withFindings(Files.readAllLines(generated)));
    }

    /**
     * The generated day with a finding of every kind the quality checks count, spread over chunks and partitions: an
     * id repeated within a chunk, across chunks and across partitions; cells that do not parse; missing probabilities;
     * unknown categories. (A probability outside [0, 1] is not a finding but bad input: every leg refuses it.)
     */
    private static List<String> withFindings(List<String> lines) {
        List<String> header = List.of(lines.get(0).split(","));
        int id = header.indexOf("customer_id");
        int charges = header.indexOf("monthly_charges");
        int probability = header.indexOf("churn_probability");
        int contract = header.indexOf("contract_type");
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(",", -1));
        }
        // row numbers from 1, as in the file below the header; chunks hold rows 1-500, 501-1000, ...
        Map<Integer, Integer> repeats = Map.of(12, 7, 733, 20, 6_100, 20, 11_998, 2_501);
        repeats.forEach((row, of) -> rows.get(row - 1)[id] = rows.get(of - 1)[id]);
        for (int row = 1; row <= rows.size(); row++) {
            String[] cells = rows.get(row - 1);
            if (row % 1_733 == 0) {
                cells[charges] = "n/a";
            }
            if (row % 1_021 == 0) {
                cells[probability] = "";
            }
            if (row % 2_903 == 0) {
                cells[contract] = "Lifetime";
            }
        }
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        rows.forEach(cells -> out.add(String.join(",", cells)));
        return out;
    }

    @Test
    void theCliSparkTheChunkedServicesAndTwoReplicasGiveOneSnapshot() throws Exception {
        // the Spark job, a process of its own, runs while the services compute legs 3 and 4
        long sparkStart = System.nanoTime();
        Process spark = startSpark();
        Map<String, JsonNode> legs = new LinkedHashMap<>();
        try {
            leg(legs, "CLI", FourWayEqualityIT::cli);
            legs.put(SPARK_LEG, null);
            leg(legs, "services, one pass over chunks of 500", FourWayEqualityIT::services);
            leg(legs, REPLICAS + " replicas of drift and performance", FourWayEqualityIT::replicas);
            legs.put(SPARK_LEG, sparkSnapshot(spark));
            printTime(SPARK_LEG + " (alongside the services)", sparkStart);
        } finally {
            spark.descendants().forEach(ProcessHandle::destroyForcibly);
            spark.destroyForcibly();
        }

        Map<String, JsonNode> comparable = new LinkedHashMap<>();
        legs.forEach((leg, snapshot) -> comparable.put(leg, ComparableSnapshot.of(snapshot)));
        List<String> differences = new ArrayList<>();
        List<String> names = List.copyOf(comparable.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                JsonNode a = comparable.get(names.get(i));
                JsonNode b = comparable.get(names.get(j));
                if (!Json.pretty(a).equals(Json.pretty(b))) {
                    differences.add(names.get(i) + " vs " + names.get(j) + ": "
                            + ComparableSnapshot.differences(a, b, 8));
                }
            }
        }
        assertThat(differences).as("legs whose snapshots differ").isEmpty();

        // the data has what the comparison is meant to cover
        JsonNode cli = comparable.get("CLI");
        assertThat(cli.at("/run/currentRows").asInt()).isEqualTo(DAY_ROWS);
        assertThat(cli.get("alerts").findValuesAsText("column")).contains("account_age");
        assertThat(cli.at("/quality/findings").findValuesAsText("kind")).containsExactlyInAnyOrder(
                "UNPARSEABLE_CELLS", "REQUIRED_NULLS", "UNKNOWN_CATEGORY", "DUPLICATE_ID");
        assertThat(cli.get("metrics").findValuesAsText("segment")).contains("contract_type=One year");
        assertThat(cli.get("metrics").findValuesAsText("category")).contains("performance");
    }

    private interface Leg {
        JsonNode snapshot() throws Exception;
    }

    /** Runs a leg and prints its wall time (for the log of the test run; nothing is asserted on it). */
    private static void leg(Map<String, JsonNode> legs, String name, Leg leg) throws Exception {
        long start = System.nanoTime();
        legs.put(name, leg.snapshot());
        printTime(name, start);
    }

    private static void printTime(String leg, long start) {
        System.out.printf("FourWayEqualityIT leg '%s': %.1f s%n", leg, (System.nanoTime() - start) / 1e9);
    }

    /** Leg 1: {@code monitor run} on the reference CSV. */
    private static JsonNode cli() throws Exception {
        Path out = data.resolve("cli");
        deployment.cli("fourway-cli", "run", "--reference", reference.toString(), "--current", day.toString(),
                "--config", deployment.config.toString(), "--model-id", model, "--date", DAY.toString(),
                "--out", out.toString(), "-q");
        return deployment.mapper.readTree(out.resolve("snapshot.json").toFile());
    }

    /**
     * Leg 2: the Spark job in local mode, in a JVM of its own with Spark's class path (scripts/spark-local.sh), on the
     * reference's profile; {@link #sparkSnapshot} waits for it.
     */
    private static Process startSpark() throws Exception {
        Path profile = data.resolve("reference.profile");
        deployment.cli("fourway-profile", "profile", "--reference", reference.toString(),
                "--config", deployment.config.toString(), "--model-id", model, "--out", profile.toString(), "-q");
        Path out = data.resolve("spark");
        ProcessBuilder pb = new ProcessBuilder("bash", deployment.root.resolve("scripts/spark-local.sh").toString(),
                "--current", day.toString(), "--reference", profile.toString(), "--config",
                deployment.config.toString(), "--model-id", model, "--date", DAY.toString(),
                "--partitions", String.valueOf(SPARK_PARTITIONS), "--out", out.toString())
                .redirectOutput(data.resolve("spark.log").toFile()).redirectError(data.resolve("spark.err").toFile());
        pb.environment().put("SPARK_MASTER", "local[2]");
        pb.environment().put("SPARK_DRIVER_MEMORY", "1g");
        return pb.start();
    }

    private static JsonNode sparkSnapshot(Process spark) throws Exception {
        if (!spark.waitFor(240, TimeUnit.SECONDS)) {
            spark.destroyForcibly();
            throw new AssertionError("the Spark job did not finish in 240 s; see " + data.resolve("spark.err"));
        }
        assertThat(spark.exitValue()).as("Spark job exit code, see " + data.resolve("spark.err")).isZero();
        return deployment.mapper.readTree(data.resolve("spark/snapshot.json").toFile());
    }

    /** Leg 3: the services, one process each; the day is stored in chunks of 500 rows. */
    private static JsonNode services() throws Exception {
        deployment.post("ingest-service", "/references", Map.of("modelId", model, "source", reference.toString(),
                "config", deployment.config.toString()), 201);
        JsonNode run = deployment.post("ingest-service", "/runs", Map.of("modelId", model, "date", DAY.toString(),
                "source", day.toString()), 202);
        assertThat(run.get("rowCount").asInt()).isEqualTo(DAY_ROWS);
        return deployment.awaitSnapshot(run.get("runId").asText());
    }

    /**
     * Leg 4: the same day run again, with {@link #REPLICAS} processes each of drift-service and performance-service
     * consuming the same queues; afterwards the deployment has one process per service again.
     */
    private static JsonNode replicas() throws Exception {
        try (Deployment.Replicas started = deployment.replicas(REPLICATED, REPLICAS, Map.of(CHUNKS_PER_TASK_ENV, "1"))) {
            assertThat(started.names).hasSize(REPLICATED.size() * REPLICAS);
            awaitConsumers();
            JsonNode run = deployment.post("ingest-service", "/runs", Map.of("modelId", model, "date", DAY.toString(),
                    "source", day.toString(), "rerun", true), 202);
            assertThat(run.has("existing") && run.get("existing").asBoolean()).as("a new run").isFalse();
            String runId = run.get("runId").asText();
            JsonNode snapshot = deployment.awaitSnapshot(runId);
            for (String schema : List.of("drift", "performance")) {
                // one task per stored chunk (chunks-per-task 1), every one done, and both replicas took part
                List<Long> tasks = deployment.chunkTasks(schema, runId);
                assertThat(tasks.get(0)).as(schema + " chunk tasks of the run").isGreaterThanOrEqualTo(DAY_ROWS / 500);
                assertThat(tasks.get(1)).as(schema + " chunk tasks done").isEqualTo(tasks.get(0));
                assertThat(tasks.get(2)).as(schema + " replicas that finished tasks").isEqualTo(REPLICAS);
            }
            return snapshot;
        }
    }

    /** Until every replica consumes its service's batch.ready queue (ready is not yet subscribed). */
    private static void awaitConsumers() throws Exception {
        try (Connection c = Deployment.amqpFactory().newConnection("modelwatch-e2e-fourway");
             Channel ch = c.createChannel()) {
            for (String owner : REPLICATED_QUEUE_OWNERS) {
                String queue = Channels.queue(Deployment.RUN_TAG + ".", owner, Channels.BATCH_READY);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .until(() -> ch.queueDeclarePassive(queue).getConsumerCount() == REPLICAS);
            }
            for (String task : List.of(Channels.DRIFT_CHUNK_TASK, Channels.PERFORMANCE_CHUNK_TASK)) {
                String queue = Deployment.RUN_TAG + "." + task;
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .until(() -> ch.queueDeclarePassive(queue).getConsumerCount() == REPLICAS);
            }
        }
    }
}
