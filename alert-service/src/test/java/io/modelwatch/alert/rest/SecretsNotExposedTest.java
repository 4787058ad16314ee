package io.modelwatch.alert.rest;

import io.modelwatch.support.status.ServiceStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * alert-service holds the most secrets (the deployment's and a model's Slack webhook, the SMTP login, the database
 * password, API keys). Started with recognisable values for each and its log written to a file, neither its
 * {@code /status} nor its log shows any of them, even after a failure whose reason quotes one.
 */
@QuarkusTest
@TestProfile(SecretsNotExposedTest.WithSecrets.class)
class SecretsNotExposedTest {

    static final String WEBHOOK = "http://127.0.0.1:9/services/T0SECRET/B0SECRET/deployment-webhook-secret";
    static final String MODEL_WEBHOOK = "http://127.0.0.1:9/services/T1SECRET/B1SECRET/model-webhook-secret";
    static final String SMTP_PASSWORD = "smtp-password-secret-4711";
    static final String DB_PASSWORD = "db-password-secret-4711";
    static final String ADMIN_KEY = "admin-key-secret-4711";
    static final String READER_KEY = "reader-key-secret-4711";
    static final List<String> SECRETS = List.of(WEBHOOK, MODEL_WEBHOOK, SMTP_PASSWORD, DB_PASSWORD, ADMIN_KEY, READER_KEY);
    static final Path LOG = Path.of("target", "secrets-not-exposed.log");

    public static class WithSecrets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.deleteIfExists(LOG);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Map<String, String> c = new HashMap<>();
            c.put("modelwatch.alerts.slack.webhook-url", WEBHOOK);
            c.put("MODELWATCH_SLACK_WEBHOOK_SECRETS_TEST", MODEL_WEBHOOK);
            c.put("quarkus.mailer.username", "modelwatch");
            c.put("quarkus.mailer.password", SMTP_PASSWORD);
            // the local PostgreSQL trusts loopback: any password connects, so the value can be one to look for
            c.put("quarkus.datasource.password", DB_PASSWORD);
            c.put("modelwatch.auth.admin-keys", ADMIN_KEY);
            c.put("modelwatch.auth.reader-keys", READER_KEY);
            c.put("quarkus.log.file.enabled", "true");
            c.put("quarkus.log.file.path", LOG.toString());
            c.put("quarkus.log.category.\"io.modelwatch\".level", "DEBUG");
            return c;
        }
    }

    @Inject
    ServiceStatus status;

    @Test
    void statusAndLogShowNoSecret() throws Exception {
        // a failure whose reason quotes a secret (a peer's error message naming the URL it was asked for)
        status.failed("metrics.drift", "POST " + WEBHOOK + " failed; login " + SMTP_PASSWORD);

        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + "/status"))
                .header("X-API-Key", ADMIN_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("lastFailure").contains("****");
        assertThat(r.body()).contains("\"configured\":true");   // the Slack lane sees its webhook, and does not show it
        for (String secret : SECRETS) {
            assertThat(r.body()).as("/status").doesNotContain(secret);
        }

        String log = Files.readString(LOG);
        assertThat(log).as("the startup log was captured").contains("authentication on: 1 admin key(s), 1 reader key(s)");
        for (String secret : SECRETS) {
            assertThat(log).as("the log").doesNotContain(secret);
        }
    }
}
