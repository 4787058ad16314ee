package io.modelwatch.support.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The running service's OpenAPI description ({@code /q/openapi}) and what a test asks of it. */
public final class OpenApiDocument {

    private final JsonNode doc;

    private OpenApiDocument(JsonNode doc) {
        this.doc = doc;
    }

    public static OpenApiDocument fetch() throws Exception {
        String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        return new OpenApiDocument(new ObjectMapper().readTree(json));
    }

    public JsonNode root() {
        return doc;
    }

    /** The operation; fails naming what is missing. */
    public JsonNode operation(String method, String path) {
        JsonNode op = doc.path("paths").path(path).path(method.toLowerCase());
        assertThat(op.isObject()).as(method + " " + path + " in /q/openapi; paths: " + doc.path("paths").fieldNames()).isTrue();
        return op;
    }

    /** The schema of a response (or, with status null, the request body) as JSON, with its $ref resolved. */
    public JsonNode schema(String method, String path, String status, String mediaType) {
        JsonNode op = operation(method, path);
        JsonNode content = status == null ? op.path("requestBody").path("content") : op.path("responses").path(status).path("content");
        JsonNode schema = content.path(mediaType).path("schema");
        assertThat(schema.isObject()).as("schema of " + method + " " + path + " " + (status == null ? "request" : status)
                + " " + mediaType + ": " + op).isTrue();
        return resolve(schema);
    }

    /** A component schema by name; fails if absent. */
    public JsonNode component(String name) {
        JsonNode s = doc.path("components").path("schemas").path(name);
        assertThat(s.isObject()).as("components.schemas." + name + "; present: " + doc.path("components").path("schemas").fieldNames())
                .isTrue();
        return s;
    }

    /** The examples of a request body or response, as a JSON object by name (may be empty). */
    public JsonNode examples(String method, String path, String status, String mediaType) {
        JsonNode op = operation(method, path);
        JsonNode content = status == null ? op.path("requestBody").path("content") : op.path("responses").path(status).path("content");
        return content.path(mediaType).path("examples");
    }

    public JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            return component(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return schema;
    }
}
