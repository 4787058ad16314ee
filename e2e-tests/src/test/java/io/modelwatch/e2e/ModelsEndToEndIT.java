package io.modelwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;
import io.modelwatch.core.synth.StreamingChurnGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every model brings its own schema (issue 11), through the five packaged services:
 * <ul>
 *   <li>a table whose column names and types differ from the built-in churn schema
 *       ({@link StreamingChurnGenerator}) gives the same snapshot and alerts on the CLI with the reference CSV, on the
 *       CLI with the stored profile, and in the services (configuration inferred by the same rule everywhere);</li>
 *   <li>two models of different schemas registered in one deployment, runs of both interleaved: each run's metric
 *       rows, alerts, Slack deliveries and report belong to its model and are computed with its configuration (equal
 *       to the CLI's with that configuration).</li>
 * </ul>
 */
@ExtendWith(Deployment.Extension.class)
class ModelsEndToEndIT {

    private static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 1, 5);
    private static final LocalDate DAY_1 = LocalDate.of(2026, 2, 2);
    private static final LocalDate DAY_2 = LocalDate.of(2026, 2, 3);

    private static Deployment deployment;
    private static Path data;

    @BeforeAll
    static void files(Deployment started) throws Exception {
        deployment = started;
        data = started.data.resolve("models");
        Files.createDirectories(data);
        StreamingChurnGenerator.of(Scenario.STABLE, REFERENCE_DATE, "R").write(data.resolve("streaming-reference.csv"), 6000, 41);
        StreamingChurnGenerator.of(Scenario.DRIFT, DAY_1, "C").write(data.resolve("streaming-drift.csv"), 3000, 43);
        StreamingChurnGenerator.of(Scenario.STABLE, DAY_2, "D").write(data.resolve("streaming-stable.csv"), 3000, 44);
        ChurnDataGenerator.of(Scenario.STABLE, REFERENCE_DATE, "R").write(data.resolve("churn-reference.csv"), 3000, 51);
        ChurnDataGenerator.of(Scenario.DRIFT, DAY_1, "C").write(data.resolve("churn-drift.csv"), 3000, 52);
        ChurnDataGenerator.of(Scenario.STABLE, DAY_2, "D").write(data.resolve("churn-stable.csv"), 3000, 53);
    }

    @Test
    void aTableWithOtherColumnsGivesTheSameSnapshotOnTheCsvTheStoredProfileAndTheServices() throws Exception {
        String model = "streaming-inferred-" + Deployment.RUN_TAG;
        String reference = data.resolve("streaming-reference.csv").toString();
        String day = data.resolve("streaming-drift.csv").toString();
        Path profile = data.resolve(model + ".profile");

        // the CLI: on the reference CSV, and on its stored profile
        deployment.cli("csv", "run", "--reference", reference, "--current", day, "--model-id", model,
                "--date", DAY_1.toString(), "--out", data.resolve("csv").toString(), "-q");
        deployment.cli("profile", "profile", "--reference", reference, "--model-id", model, "--out", profile.toString(), "-q");
        deployment.cli("from-profile", "run", "--reference", profile.toString(), "--current", day,
                "--date", DAY_1.toString(), "--out", data.resolve("from-profile").toString(), "-q");
        JsonNode csv = deployment.mapper.readTree(data.resolve("csv/snapshot.json").toFile());
        JsonNode fromProfile = deployment.mapper.readTree(data.resolve("from-profile/snapshot.json").toFile());

        // the services: registered without a configuration, so it is inferred from the reference by the same rule
        JsonNode registered = deployment.post("ingest-service", "/references",
                Map.of("modelId", model, "source", reference), 201);
        assertThat(registered.get("configSource").asText()).isEqualTo("inferred");
        String runId = deployment.post("ingest-service", "/runs",
                Map.of("modelId", model, "date", DAY_1.toString(), "source", day), 202).get("runId").asText();
        JsonNode services = deployment.awaitSnapshot(runId);

        assertThat(ComparableSnapshot.of(fromProfile)).isEqualTo(ComparableSnapshot.of(csv));
        assertThat(ComparableSnapshot.of(services)).isEqualTo(ComparableSnapshot.of(csv));
        assertThat(services.get("run").get("referenceVersion").asInt()).isEqualTo(1);
        // the drift of this table is found; the built-in schema's columns are not looked for
        assertThat(csv.get("alerts").findValuesAsText("column")).contains("weekly_watch_hours");
        assertThat(csv.get("quality").get("findings").findValuesAsText("kind")).doesNotContain("missing_column");
        assertThat(csv.get("drift").get("columns").findValuesAsText("role")).contains("feature", "prediction", "target");

        // alert-service stored exactly the snapshot's alerts
        JsonNode[] stored = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            stored[0] = deployment.mapper.readTree(deployment.get("alert-service", "/runs/" + runId + "/alerts").body());
            return stored[0].size() == csv.get("alerts").size();
        });
        assertThat(alertKeys(stored[0], "metricCategory", "metricName")).isEqualTo(alertKeys(csv.get("alerts"), "category", "metric"));

        // the services' configuration of the model is the CLI's, written out in full
        String yaml = deployment.get("ingest-service", "/models/" + model + "/config").body();
        assertThat(ConfigLoader.parse(yaml, "GET /models/" + model + "/config"))
                .isEqualTo(ReferenceProfile.read(profile).config());
        JsonNode view = deployment.mapper.readTree(deployment.get("ingest-service", "/models/" + model).body());
        assertThat(view.get("lastRun").get("runId").asText()).isEqualTo(runId);
        assertThat(view.get("schema").get("features").findValuesAsText("name")).contains("weekly_watch_hours", "plan");
        // the model's open alerts, from alert-service: raised by this, its only run
        assertThat(view.get("openAlerts").findValuesAsText("runId")).isNotEmpty().allMatch(runId::equals);
    }

    @Test
    void twoModelsInterleavedEachGetTheirOwnMetricsAlertsDeliveriesAndReport() throws Exception {
        String churn = "churn-" + Deployment.RUN_TAG;
        String streaming = "streaming-" + Deployment.RUN_TAG;

        // churn: the deployment's configuration file, given by path; no notifications of its own (deployment Slack)
        deployment.post("ingest-service", "/references", Map.of("modelId", churn,
                "source", data.resolve("churn-reference.csv").toString(), "config", deployment.config.toString()), 201);
        // streaming: its own configuration inline, with its own thresholds and Slack webhook (named, never given)
        String printed = deployment.cli("print-config", "profile", "--reference",
                data.resolve("streaming-reference.csv").toString(), "--print-config", "-q");
        String streamingYaml = printed
                .replace("slack_webhook_env: null", "slack_webhook_env: " + Deployment.STREAMING_WEBHOOK)
                .replace("slack_channel: null", "slack_channel: \"#streaming-alerts\"")
                .replace("{name: psi-high, category: psi, metric: psi, scope: any, condition: above, threshold: 0.25",
                        "{name: psi-high, category: psi, metric: psi, scope: any, condition: above, threshold: 0.2");
        assertThat(streamingYaml).contains(Deployment.STREAMING_WEBHOOK).contains("threshold: 0.2, severity: HIGH");
        Path streamingConfig = data.resolve("streaming.yaml");
        Files.writeString(streamingConfig, streamingYaml);
        JsonNode registered = deployment.post("ingest-service", "/references", Map.of("modelId", streaming,
                "source", data.resolve("streaming-reference.csv").toString(), "config", streamingYaml), 201);
        assertThat(registered.get("configSource").asText()).isEqualTo("inline");

        // runs of both, interleaved, without waiting in between
        record Run(String model, String file, LocalDate date, Path config, String runId) {
        }
        List<Run> runs = new ArrayList<>();
        for (String[] r : new String[][] {{churn, "churn-drift.csv", "1"}, {streaming, "streaming-drift.csv", "1"},
                {churn, "churn-stable.csv", "2"}, {streaming, "streaming-stable.csv", "2"}}) {
            LocalDate date = r[2].equals("1") ? DAY_1 : DAY_2;
            String runId = deployment.post("ingest-service", "/runs", Map.of("modelId", r[0], "date", date.toString(),
                    "source", data.resolve(r[1]).toString()), 202).get("runId").asText();
            runs.add(new Run(r[0], r[1], date, r[0].equals(churn) ? deployment.config : streamingConfig, runId));
        }

        for (Run run : runs) {
            // the report: its model's, computed with its configuration (the CLI's with that configuration)
            JsonNode snapshot = deployment.awaitSnapshot(run.runId());
            assertThat(snapshot.get("run").get("modelId").asText()).isEqualTo(run.model());
            Path out = data.resolve("cli-" + run.runId());
            deployment.cli("cli-" + run.runId(), "run", "--reference", data.resolve(run.model().equals(churn)
                            ? "churn-reference.csv" : "streaming-reference.csv").toString(),
                    "--current", data.resolve(run.file()).toString(), "--config", run.config().toString(),
                    "--model-id", run.model(), "--date", run.date().toString(), "--out", out.toString(), "-q");
            JsonNode cli = deployment.mapper.readTree(out.resolve("snapshot.json").toFile());
            assertThat(ComparableSnapshot.of(snapshot)).as(run.toString()).isEqualTo(ComparableSnapshot.of(cli));

            // its metric rows, in every service that computed some, carry its model
            for (String schema : List.of("ingest", "drift", "performance")) {
                assertThat(deployment.metricModelIds(schema, run.runId())).as(schema + " " + run).containsExactly(run.model());
            }
            // the anomaly rows (per-metric and isolation forest) are assembled from the run history by alert and
            // report, not stored by the computing services
            long computed = 0;
            for (JsonNode row : snapshot.get("metrics")) {
                computed += "anomaly".equals(row.path("category").asText()) ? 0 : 1;
            }
            assertThat(deployment.countMetricRows("ingest", run.runId()) + deployment.countMetricRows("drift", run.runId())
                    + deployment.countMetricRows("performance", run.runId())).isEqualTo(computed);

            // its alerts carry its model
            JsonNode[] alerts = new JsonNode[1];
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                alerts[0] = deployment.mapper.readTree(deployment.get("alert-service", "/runs/" + run.runId() + "/alerts").body());
                return alerts[0].size() == snapshot.get("alerts").size();
            });
            assertThat(alerts[0].findValuesAsText("modelId")).allMatch(run.model()::equals);
        }
        // the two schemas really differ, and streaming's own threshold applied (psi-high at 0.2)
        JsonNode streamingDay1 = deployment.awaitSnapshot(runs.get(1).runId());
        assertThat(streamingDay1.get("drift").get("columns").findValuesAsText("column")).contains("weekly_watch_hours")
                .doesNotContain("monthly_charges");
        assertThat(streamingDay1.get("alerts").findValues("threshold").stream().map(JsonNode::asDouble)).contains(0.2);

        // deliveries: streaming's to its own webhook and channel, churn's to the deployment's webhook, never mixed
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                !deployment.slack.deliveries("/streaming").isEmpty()
                        && deployment.slack.deliveries("/deployment").stream().anyMatch(d -> churn.equals(d.model())));
        assertThat(deployment.slack.deliveries("/streaming")).allSatisfy(d -> {
            assertThat(d.model()).isEqualTo(streaming);
            assertThat(d.body().get("channel").asText()).isEqualTo("#streaming-alerts");
        });
        assertThat(deployment.slack.deliveries("/deployment")).noneMatch(d -> streaming.equals(d.model()));

        // the models' view
        JsonNode models = deployment.mapper.readTree(deployment.get("ingest-service", "/models").body());
        assertThat(models.findValuesAsText("modelId")).contains(churn, streaming);
        JsonNode view = deployment.mapper.readTree(deployment.get("ingest-service", "/models/" + streaming).body());
        assertThat(view.get("lastRun").get("runId").asText()).isEqualTo(runs.get(3).runId());
        assertThat(view.get("schema").get("notifications").get("slackWebhookEnv").asText()).isEqualTo(Deployment.STREAMING_WEBHOOK);
        assertThat(view.get("openAlerts").isArray()).isTrue();
    }

    /** The (severity, category, metric, column, segment) of each alert, in any order. */
    private static Set<String> alertKeys(JsonNode alerts, String category, String metric) {
        Set<String> keys = new TreeSet<>();
        for (JsonNode a : alerts) {
            keys.add(a.get("severity").asText() + "|" + a.get(category).asText() + "|" + a.get(metric).asText() + "|"
                    + a.path("column").asText("") + "|" + a.path("segment").asText(""));
        }
        return keys;
    }
}
