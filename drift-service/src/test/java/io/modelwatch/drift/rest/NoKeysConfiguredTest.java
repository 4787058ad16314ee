package io.modelwatch.drift.rest;

import io.modelwatch.support.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service started with authentication on and no key configured fails closed: every request but the health checks
 * and metrics answers 401, whatever key it carries, and the answer names the variable to set.
 */
@QuarkusTest
@TestProfile(NoKeysConfiguredTest.NoKeys.class)
class NoKeysConfiguredTest {

    /** The test profile's keys replaced by lists with no key in them. */
    public static class NoKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("modelwatch.auth.admin-keys", ",", "modelwatch.auth.reader-keys", ",");
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyRequestIsRefusedAndTheAnswerNamesTheVariable() throws Exception {
        for (HttpResponse<String> r : new HttpResponse[] {get("/status"), get("/status", "X-API-Key", TestKeys.ADMIN),
                get("/status", "Authorization", "Bearer " + TestKeys.READER)}) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
            assertThat(r.body()).contains("MODELWATCH_AUTH_ADMIN_KEYS");
        }
    }

    @Test
    void healthChecksAndMetricsStayOpen() throws Exception {
        assertThat(get("/q/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/q/metrics").statusCode()).isEqualTo(200);
    }
}
