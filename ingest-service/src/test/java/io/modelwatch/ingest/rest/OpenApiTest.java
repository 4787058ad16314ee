package io.modelwatch.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.support.testing.OpenApiDocument;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** ingest-service describes its API at /q/openapi (with Swagger UI): the endpoints, their schemas and examples. */
@QuarkusTest
class OpenApiTest {

    private static final String JSON = "application/json";

    @Test
    void runsReferencesLabelsAndModelsWithSchemasAndExamples() throws Exception {
        OpenApiDocument api = OpenApiDocument.fetch();

        JsonNode runRequest = api.schema("POST", "/runs", null, JSON);
        assertThat(runRequest.path("properties").fieldNames()).toIterable()
                .contains("modelId", "date", "source", "rerun", "referenceVersion");
        assertThat(runRequest.path("required")).extracting(JsonNode::asText).contains("date", "source");
        // OpenAPI 3.1: a schema's examples are a list
        assertThat(runRequest.path("properties").path("source").path("examples").path(0).asText()).as(runRequest.toString())
                .isEqualTo("warehouse:");
        JsonNode example = api.examples("POST", "/runs", null, JSON).path("daily run").path("value");
        assertThat(example.path("source").asText()).isEqualTo("warehouse:");
        assertThat(api.schema("POST", "/runs", "202", JSON).path("properties").fieldNames()).toIterable()
                .contains("runId", "batchId", "rowCount", "referenceVersion", "existing");
        assertThat(api.examples("POST", "/runs", "202", JSON).path("started").path("value").path("runId").isTextual()).isTrue();
        assertThat(api.schema("POST", "/runs", "200", JSON).path("properties").has("existing")).isTrue();
        assertThat(api.schema("POST", "/runs", "422", JSON).path("properties").has("error")).isTrue();
        assertThat(api.schema("POST", "/runs", "409", JSON).path("properties").has("error")).isTrue();
        api.operation("GET", "/runs/{runId}");
        api.operation("POST", "/runs/{runId}/announce");

        assertThat(api.schema("POST", "/references", null, JSON).path("properties").fieldNames()).toIterable()
                .contains("modelId", "source", "config");
        assertThat(api.schema("POST", "/references", "201", JSON).path("properties").fieldNames()).toIterable()
                .contains("referenceId", "version", "configSource", "features");
        assertThat(api.examples("POST", "/references", "201", JSON).path("registered").path("value").path("version").asInt())
                .isEqualTo(1);

        assertThat(api.schema("POST", "/labels", null, JSON).path("properties").fieldNames()).toIterable()
                .contains("modelId", "date", "source");
        assertThat(api.schema("POST", "/labels", "202", JSON).path("properties").fieldNames()).toIterable()
                .contains("coverage", "minCoverage", "realised", "published");

        JsonNode models = api.schema("GET", "/models", "200", JSON);
        assertThat(models.path("type").asText()).isEqualTo("array");
        assertThat(api.resolve(models.path("items")).path("properties").fieldNames()).toIterable()
                .contains("modelId", "versions", "currentVersion", "lastRun");
        api.operation("GET", "/models/{modelId}");
        api.operation("POST", "/models/{modelId}/versions/{version}/retire");
        assertThat(api.schema("GET", "/status", "200", JSON).path("properties").has("counts")).isTrue();

        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
