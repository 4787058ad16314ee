package io.modelwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kubernetes manifests in {@code k8s/}: they parse, the CronJob is daily, secrets are never literals. */
class K8sManifestsTest {

    static final Path K8S = Path.of("..", "k8s");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<JsonNode> documents() throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (YAMLParser parser = new YAMLFactory().createParser(f.toFile())) {
                    YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                        if (d != null && !d.isEmpty()) {
                            docs.add(d);
                        }
                    });
                }
            }
        }
        return docs;
    }

    @Test
    void theCronJobStartsTheRunDailyAt0400Utc() throws Exception {
        JsonNode cron = documents().stream().filter(d -> d.path("kind").asText().equals("CronJob")
                && d.at("/metadata/name").asText().equals("modelwatch-daily-run")).findFirst().orElseThrow();
        assertThat(cron.at("/spec/schedule").asText()).isEqualTo("0 4 * * *");
        assertThat(cron.at("/spec/timeZone").asText()).isEqualTo("Etc/UTC");
        assertThat(cron.toString()).contains("ingest-service:8081/runs");
    }

    @Test
    void aSecondCronJobReadsTheLabelsOfTheCohortPredictedLagDaysAgo() throws Exception {
        JsonNode cron = documents().stream().filter(d -> d.path("kind").asText().equals("CronJob")
                && d.at("/metadata/name").asText().equals("modelwatch-daily-labels")).findFirst().orElseThrow();
        assertThat(cron.at("/spec/schedule").asText()).isEqualTo("0 5 * * *");
        assertThat(cron.toString()).contains("ingest-service:8081/labels").contains("LABEL_LAG_DAYS");
    }

    @Test
    void everyServiceHasADeploymentWithHealthProbes() throws Exception {
        List<String> deployments = documents().stream().filter(d -> d.path("kind").asText().equals("Deployment"))
                .map(d -> d.at("/metadata/name").asText()).toList();
        assertThat(deployments).containsExactlyInAnyOrder("ingest-service", "drift-service", "performance-service",
                "alert-service", "report-service");
        documents().stream().filter(d -> d.path("kind").asText().equals("Deployment")).forEach(d -> {
            JsonNode c = d.at("/spec/template/spec/containers/0");
            assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        });
    }

    @Test
    void passwordsAndWebhooksComeFromSecretsNeverFromLiterals() throws Exception {
        for (JsonNode d : documents()) {
            if (d.path("kind").asText().equals("Secret")) {
                assertThat(d.at("/metadata/name").asText()).isEqualTo("modelwatch-secrets");
                continue; // the example template only
            }
            List<JsonNode> envs = d.findValues("env");
            for (JsonNode list : envs) {
                for (JsonNode e : list) {
                    String name = e.path("name").asText();
                    if (name.matches(".*(PASSWORD|PASS|WEBHOOK|TOKEN|SECRET).*")) {
                        assertThat(e.has("value")).as(name + " in " + d.at("/metadata/name").asText()).isFalse();
                        assertThat(e.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("modelwatch-secrets");
                    }
                }
            }
        }
    }
}
