package io.modelwatch.support.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service must show about its API keys (the test profile's {@link TestKeys}), sent with a plain
 * {@link HttpClient} so that each request carries exactly the headers named: no key or a wrong key answers 401 with a
 * challenge and a JSON body naming {@code X-API-Key}; a reader key reads but answers 403 on a change; an admin key
 * does both; the health checks and metrics stay open. A service's {@code @QuarkusTest} extends it and names one
 * endpoint of each kind.
 */
public abstract class ApiKeyContract {

    protected final HttpClient http = HttpClient.newHttpClient();
    protected final ObjectMapper json = new ObjectMapper();

    /** A GET endpoint that reads data (any answer but 401/403 proves the key was accepted). */
    protected abstract String readPath();

    /** An endpoint that changes state, POSTed with {@link #adminBody()}. */
    protected abstract String adminPath();

    protected String adminBody() {
        return "{}";
    }

    protected String url(String path) {
        return "http://localhost:" + RestAssured.port + path;
    }

    protected HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutAKeyEveryDataEndpointAnswers401WithAChallengeAndAJsonBodyNamingTheHeader() throws Exception {
        for (HttpResponse<String> r : new HttpResponse[] {get(readPath()), post(adminPath(), adminBody()), get("/status")}) {
            assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).as(r.uri().toString()).isPresent();
            JsonNode body = json.readTree(r.body());
            assertThat(body.path("field").asText()).isEqualTo("X-API-Key");
            assertThat(body.path("error").asText()).contains("API key");
        }
    }

    @Test
    void aWrongKeyAnswers401AndIsNotEchoed() throws Exception {
        String wrong = "not-a-key-" + System.nanoTime();
        for (HttpResponse<String> r : new HttpResponse[] {get(readPath(), "X-API-Key", wrong),
                get(readPath(), "Authorization", "Bearer " + wrong), post(adminPath(), adminBody(), "X-API-Key", wrong)}) {
            assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(401);
            assertThat(r.body()).doesNotContain(wrong);
            assertThat(json.readTree(r.body()).path("field").asText()).isEqualTo("X-API-Key");
        }
    }

    @Test
    void aReaderKeyReadsButMayNotChangeAnything() throws Exception {
        HttpResponse<String> read = get(readPath(), "X-API-Key", TestKeys.READER);
        assertThat(read.statusCode()).as(read.body()).isNotIn(401, 403);
        HttpResponse<String> bearer = get(readPath(), "Authorization", "Bearer " + TestKeys.READER);
        assertThat(bearer.statusCode()).as(bearer.body()).isEqualTo(read.statusCode());
        HttpResponse<String> status = get("/status", "X-API-Key", TestKeys.READER);
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);

        HttpResponse<String> change = post(adminPath(), adminBody(), "X-API-Key", TestKeys.READER);
        assertThat(change.statusCode()).as(change.body()).isEqualTo(403);
        JsonNode body = json.readTree(change.body());
        assertThat(body.path("field").asText()).isEqualTo("X-API-Key");
        assertThat(body.path("error").asText()).contains("admin");
    }

    @Test
    void anAdminKeyReadsAndChanges() throws Exception {
        HttpResponse<String> read = get(readPath(), "Authorization", "Bearer " + TestKeys.ADMIN);
        assertThat(read.statusCode()).as(read.body()).isNotIn(401, 403);
        HttpResponse<String> change = post(adminPath(), adminBody(), "X-API-Key", TestKeys.ADMIN);
        assertThat(change.statusCode()).as(change.body()).isNotIn(401, 403);
    }

    @Test
    void healthChecksAndMetricsAreOpen() throws Exception {
        for (String path : new String[] {"/q/health/live", "/q/health/ready", "/q/metrics"}) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isNotIn(401, 403);
        }
    }

    /** An HTTP Basic header with any user name and the key as password. */
    protected static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString(("someone:" + key).getBytes(StandardCharsets.UTF_8));
    }
}
