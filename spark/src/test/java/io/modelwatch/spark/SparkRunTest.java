package io.modelwatch.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.modelwatch.cli.MonitorCommand;
import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.quality.QualityReport;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.result.PerformanceSection;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;
import io.modelwatch.parquet.ParquetFiles;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spark job in local mode ({@code local[2]}, several partitions) against the CLI's streamed run on the same files:
 * the same snapshot (but the run id and times), the same alerts and metric rows, for a plain CSV cut into byte
 * ranges, a CSV with quoted fields (read again whole), a gzip CSV and a Parquet file cut at row groups; and the
 * CLI's exit code 2 naming the file for bad input.
 */
class SparkRunTest {

    private static final int ROWS = 3_000;

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static Path profile;
    private static Path currentCsv;

    @BeforeAll
    static void start() throws Exception {
        spark = SparkSession.builder().master("local[2]").appName("modelwatch-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
        Path reference = dir.resolve("reference.csv");
        ChurnDataGenerator.of(Scenario.STABLE, LocalDate.of(2026, 9, 1), "R").write(reference, 4_000, 7);
        profile = dir.resolve("reference.profile");
        cli("profile", "--reference", reference.toString(), "--out", profile.toString(), "-q");
        Path clean = dir.resolve("clean.csv");
        ChurnDataGenerator.of(Scenario.DRIFT, LocalDate.of(2026, 11, 27), "C").write(clean, ROWS, 11);
        currentCsv = Files.write(dir.resolve("current.csv"), withFindings(Files.readAllLines(clean), false));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /**
     * Rows that make every kind of quality finding in several partitions: ids repeated within and across partitions,
     * cells that do not parse, a row with too few fields, a missing probability, unknown categories; and, when
     * {@code quoted}, a quoted category holding a comma.
     */
    private static List<String> withFindings(List<String> lines, boolean quoted) {
        List<String> header = List.of(lines.get(0).split(","));
        int id = header.indexOf("customer_id");
        int age = header.indexOf("account_age");
        int probability = header.indexOf("churn_probability");
        int region = header.indexOf("region");
        List<String> out = new ArrayList<>(lines);
        for (int row = 1; row <= ROWS; row++) {
            String[] cells = out.get(row).split(",", -1);
            if (row % 701 == 0 || row == 4 || row == 2_999) {
                cells[id] = lines.get(row % 2 == 0 ? 3 : 1_500).split(",", -1)[id];
            }
            if (row % 809 == 0) {
                cells[age] = "unknown";
            }
            if (row % 457 == 0) {
                cells[probability] = "";
            }
            if (row % 613 == 0) {
                cells[region] = quoted ? "\"North, far\"" : "Atlantis";
            }
            out.set(row, String.join(",", cells));
        }
        out.add(1_200, "short,row");
        return out;
    }

    @Test
    void aCsvCutIntoRangesGivesTheCliSnapshot() throws Exception {
        assertSameAsCli(currentCsv, "csv", "--partitions", "5");
    }

    @Test
    void aCsvWithQuotedFieldsIsReadWholeAndGivesTheCliSnapshot() throws Exception {
        Path quoted = Files.write(dir.resolve("quoted.csv"),
                withFindings(Files.readAllLines(dir.resolve("clean.csv")), true));
        JsonNode snapshot = assertSameAsCli(quoted, "quoted", "--partitions", "3");
        assertThat(snapshot.toString()).contains("North, far");
    }

    @Test
    void aGzipCsvIsOnePartitionAndGivesTheCliSnapshot() throws Exception {
        Path gz = dir.resolve("current.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(currentCsv, out);
        }
        assertSameAsCli(gz, "gzip");
    }

    @Test
    void aParquetFileCutAtRowGroupsGivesTheCliSnapshot() throws Exception {
        Path parquet = ParquetFiles.fromCsv(currentCsv, TableSchema.forConfig(ConfigLoader.defaults()),
                dir.resolve("current.parquet"));
        assertSameAsCli(parquet, "parquet");
    }

    @Test
    void badInputStopsWithExitTwoNamingTheFile() throws Exception {
        Path missing = dir.resolve("missing.csv");
        Result r = spark("--current", missing.toString(), "--reference", profile.toString(), "--out",
                dir.resolve("x").toString());
        assertThat(r.code).isEqualTo(SparkMonitorJob.EXIT_BAD_INPUT);
        assertThat(r.err).contains(missing + ": no such file");

        Path broken = Files.write(dir.resolve("broken.parquet"), "PAR1 not really".getBytes(StandardCharsets.US_ASCII));
        r = spark("--current", broken.toString(), "--reference", profile.toString(), "--out", dir.resolve("y").toString());
        assertThat(r.code).isEqualTo(SparkMonitorJob.EXIT_BAD_INPUT);
        assertThat(r.err).contains(broken + ": not a readable Parquet file");

        Path noIds = Files.writeString(dir.resolve("no-ids.csv"), "churn_probability,account_age\n0.5,3\n");
        r = spark("--current", noIds.toString(), "--reference", profile.toString(), "--out", dir.resolve("z").toString());
        assertThat(r.code).isEqualTo(SparkMonitorJob.EXIT_BAD_INPUT);
        assertThat(r.err).contains(noIds + ": required column 'customer_id' is missing");

        r = spark("--current", currentCsv.toString(), "--reference", profile.toString());
        assertThat(r.code).isEqualTo(SparkMonitorJob.EXIT_BAD_INPUT);
        assertThat(r.err).contains("missing --out");
    }

    /**
     * {@code --publish}: the run reaches the services' exchange as their own three metrics events (on the broker of
     * the environment, RABBITMQ_*, as the service tests use), and the services' assembly of those events gives the
     * run of the report folder.
     */
    @Test
    void aPublishedRunReachesTheServicesAsTheirOwnMetricsEvents() throws Exception {
        ConnectionFactory f = ServiceHandOff.broker(System.getenv());
        // an exchange of this test's own (as the end-to-end test names its own), so that no service queue bound to
        // the real one receives the test's run
        String exchange = "spark-test-" + java.util.UUID.randomUUID() + ".events";
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("MODELWATCH_BUS_EXCHANGE", exchange);
        try (Connection connection = f.newConnection("modelwatch-spark-test");
             Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
            String queue = channel.queueDeclare().getQueue(); // exclusive, deleted with the connection
            channel.queueBind(queue, exchange, Channels.METRICS_ALL);

            Path out = dir.resolve("published");
            Result refused = spark(environment, "--current", currentCsv.toString(), "--reference",
                    profile.toString(), "--out", out.toString(), "--publish");
            assertThat(refused.code).isEqualTo(SparkMonitorJob.EXIT_BAD_INPUT);
            assertThat(refused.err).contains("--publish needs --reference-id");
            Result r = spark(environment, "--current", currentCsv.toString(), "--reference", profile.toString(),
                    "--out", out.toString(), "--partitions", "3", "--publish", "--reference-id", "churn-ref-7",
                    "--reference-version", "2");
            assertThat(r.code).as(r.err).isZero();
            RunResult written = Json.mapper().readValue(out.resolve("snapshot.json").toFile(), RunResult.class);
            String runId = written.run().runId();
            assertThat(r.out).contains("run " + runId + " handed to the services");

            Map<String, MetricsComputed> byKind = new HashMap<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (byKind.size() < 3 && System.currentTimeMillis() < deadline) {
                GetResponse m = channel.basicGet(queue, true);
                if (m == null) {
                    Thread.sleep(50);
                    continue;
                }
                MetricsComputed e = Json.mapper().readValue(m.getBody(), MetricsComputed.class).validate();
                if (e.runId().equals(runId)) {
                    assertThat(m.getEnvelope().getRoutingKey()).isEqualTo(e.type());
                    assertThat(m.getProps().getContentType()).isEqualTo("application/json");
                    assertThat(m.getProps().getMessageId()).isEqualTo(e.eventId());
                    assertThat(m.getProps().getDeliveryMode()).isEqualTo(2);
                    byKind.put(e.kind(), e);
                }
            }
            assertThat(byKind).containsOnlyKeys(MetricsComputed.ALL_KINDS);
            // what alert-service and report-service do with the three sections (RunAssembly)
            MetricsComputed drift = byKind.get(MetricsComputed.DRIFT);
            assertThat(drift.run().referenceId()).isEqualTo("churn-ref-7");
            assertThat(drift.run().referenceVersion()).isEqualTo(2);
            // the services assemble with the registered reference's configuration, the one in its profile
            RunResult assembled = MonitoringPipeline.of(ReferenceProfile.read(profile).config()).assemble(drift.run(),
                    drift.referenceRows(), drift.currentRows(),
                    Json.mapper().treeToValue(drift.section(), DriftSection.class),
                    Json.mapper().treeToValue(byKind.get(MetricsComputed.PERFORMANCE).section(), PerformanceSection.class),
                    Json.mapper().treeToValue(byKind.get(MetricsComputed.QUALITY).section(), QualityReport.class),
                    written.run().durationMs());
            assertThat(Json.pretty(assembled)).isEqualTo(Files.readString(out.resolve("snapshot.json")).strip());
            channel.exchangeDelete(exchange);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The Spark run of {@code current} equals {@code monitor run --reference PROFILE --current current}. */
    private static JsonNode assertSameAsCli(Path current, String name, String... sparkOptions) throws Exception {
        Path cliOut = dir.resolve(name + "-cli");
        Path sparkOut = dir.resolve(name + "-spark");
        cli("run", "--reference", profile.toString(), "--current", current.toString(), "--out", cliOut.toString(),
                "-q");
        List<String> args = new ArrayList<>(List.of("--current", current.toString(), "--reference", profile.toString(),
                "--out", sparkOut.toString()));
        args.addAll(List.of(sparkOptions));
        Result r = spark(args.toArray(String[]::new));
        assertThat(r.code).as(r.err).isZero();
        JsonNode expected = comparable(cliOut);
        JsonNode actual = comparable(sparkOut);
        assertThat(Json.pretty(actual)).isEqualTo(Json.pretty(expected));
        assertThat(actual.at("/quality/findings").size()).isGreaterThan(4);
        String cliRun = Json.mapper().readTree(cliOut.resolve("snapshot.json").toFile()).at("/run/runId").asText();
        String sparkRun = Json.mapper().readTree(sparkOut.resolve("snapshot.json").toFile()).at("/run/runId").asText();
        for (String file : new String[] {"metrics.csv", "alerts.csv"}) {
            assertThat(Files.readString(sparkOut.resolve(file)).replace(sparkRun, "RUN"))
                    .as(file).isEqualTo(Files.readString(cliOut.resolve(file)).replace(cliRun, "RUN"));
        }
        assertThat(sparkOut.resolve("report.html")).isNotEmptyFile();
        return actual;
    }

    private static JsonNode comparable(Path out) throws Exception {
        ObjectNode snapshot = (ObjectNode) Json.mapper().readTree(out.resolve("snapshot.json").toFile());
        ObjectNode run = (ObjectNode) snapshot.get("run");
        for (String field : new String[] {"runId", "startedAt", "durationMs"}) {
            run.remove(field);
        }
        return snapshot;
    }

    private static void cli(String... args) {
        assertThat(MonitorCommand.execute(args)).as(String.join(" ", args)).isZero();
    }

    private record Result(int code, String out, String err) {
    }

    private static Result spark(String... args) {
        return spark(System.getenv(), args);
    }

    private static Result spark(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SparkMonitorJob.run(spark, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
