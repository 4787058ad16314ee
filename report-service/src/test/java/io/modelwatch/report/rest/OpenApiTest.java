package io.modelwatch.report.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.support.testing.OpenApiDocument;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** report-service describes its API at /q/openapi: a run's outputs and the dashboard's JSON, with schemas. */
@QuarkusTest
class OpenApiTest {

    private static final String JSON = "application/json";

    @Test
    void reportAndDashboardEndpointsWithSchemas() throws Exception {
        OpenApiDocument api = OpenApiDocument.fetch();

        JsonNode snapshot = api.schema("GET", "/runs/{runId}/snapshot", "200", JSON);
        assertThat(snapshot.path("type").asText()).isEqualTo("object");
        assertThat(api.examples("GET", "/runs/{runId}/snapshot", "200", JSON).path("excerpt").path("value")
                .path("run").path("modelId").asText()).isEqualTo("churn");
        assertThat(api.operation("GET", "/runs/{runId}/snapshot").path("responses").has("404")).isTrue();
        api.schema("GET", "/runs/{runId}/report", "200", "text/html");
        api.schema("GET", "/runs/{runId}/metrics.csv", "200", "text/csv");
        api.schema("GET", "/runs/{runId}/alerts.csv", "200", "text/csv");

        JsonNode models = api.schema("GET", "/models", "200", JSON);
        assertThat(models.path("type").asText()).isEqualTo("array");
        assertThat(api.resolve(models.path("items")).path("properties").fieldNames()).toIterable().isNotEmpty();
        assertThat(api.schema("GET", "/models/{id}/overview", "200", JSON).path("properties").fieldNames()).toIterable()
                .isNotEmpty();
        api.operation("GET", "/models/{id}/metrics");
        api.operation("GET", "/models/{id}/alerts");
    }
}
