package io.modelwatch.alert.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.support.testing.OpenApiDocument;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** alert-service describes its API at /q/openapi: the alert log, a run's and a model's alerts, with schemas. */
@QuarkusTest
class OpenApiTest {

    private static final String JSON = "application/json";

    @Test
    void alertEndpointsWithSchemasAndExamples() throws Exception {
        OpenApiDocument api = OpenApiDocument.fetch();

        JsonNode log = api.schema("GET", "/alerts", "200", JSON);
        assertThat(log.path("type").asText()).isEqualTo("array");
        assertThat(api.resolve(log.path("items")).path("properties").fieldNames()).toIterable()
                .contains("runId", "modelId", "severity", "metricName", "column", "metricValue", "threshold", "message");
        assertThat(api.examples("GET", "/alerts", "200", JSON).path("one HIGH alert").path("value").path(0)
                .path("severity").asText()).isEqualTo("HIGH");
        assertThat(api.operation("GET", "/alerts").path("parameters")).extracting(p -> p.path("name").asText())
                .contains("since", "severity", "model", "limit", "format");
        api.operation("GET", "/alerts.csv");

        JsonNode run = api.schema("GET", "/runs/{runId}/alerts", "200", JSON);
        assertThat(api.resolve(run.path("items")).path("properties").has("severity")).isTrue();
        JsonNode open = api.schema("GET", "/models/{modelId}/open-alerts", "200", JSON);
        assertThat(api.resolve(open.path("items")).path("properties").fieldNames()).toIterable()
                .contains("alertKey", "severity", "openedAt", "runId");
        assertThat(api.schema("GET", "/status", "200", JSON).path("properties").fieldNames()).toIterable().hasSizeGreaterThan(2);
    }
}
