package io.modelwatch.ingest.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.modelwatch.ingest.config.IngestSettings;
import io.modelwatch.support.security.ApiKeys;
import io.modelwatch.support.security.AuthSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ingest-service's call to alert-service carries an API key: {@code MODELWATCH_API_KEY} when set, else the first of
 * the service's own reader keys (the services of a deployment accept the same keys). A fake alert-service on loopback
 * records the header it received.
 */
class AlertServiceClientTest {

    private HttpServer alertService;
    private final List<String> keysReceived = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        alertService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        alertService.createContext("/", exchange -> {
            String key = exchange.getRequestHeaders().getFirst("X-API-Key");
            keysReceived.add(String.valueOf(key));
            byte[] body = (key == null ? "{\"error\":\"no key\"}" : "[{\"alertKey\":\"psi.account_age\"}]")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(key == null ? 401 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        alertService.start();
    }

    @AfterEach
    void stop() {
        alertService.stop(0);
    }

    @Test
    void sendsTheConfiguredClientKey() {
        AlertServiceClient client = client(auth(Optional.of("client-key-1"), Optional.of("r1,r2"), Optional.of("a1")));
        AlertServiceClient.OpenAlerts answer = client.openAlerts("churn");
        assertThat(keysReceived).containsExactly("client-key-1");
        assertThat(answer.alerts()).hasSize(1);
    }

    @Test
    void withoutAClientKeySendsTheFirstReaderKeyThenTheFirstAdminKey() {
        client(auth(Optional.empty(), Optional.of(" r1 , r2"), Optional.of("a1"))).openAlerts("churn");
        client(auth(Optional.empty(), Optional.empty(), Optional.of("a1,a2"))).openAlerts("churn");
        assertThat(keysReceived).containsExactly("r1", "a1");
    }

    private AlertServiceClient client(ApiKeys keys) {
        String url = "http://127.0.0.1:" + alertService.getAddress().getPort();
        return new AlertServiceClient(settings(url), new ObjectMapper(), keys);
    }

    private static ApiKeys auth(Optional<String> client, Optional<String> readers, Optional<String> admins) {
        return new ApiKeys(new AuthSettings() {
            public boolean enabled() { return true; }
            public Optional<String> adminKeys() { return admins; }
            public Optional<String> readerKeys() { return readers; }
            public Optional<String> clientKey() { return client; }
            public boolean basic() { return false; }
            public String realm() { return "ModelWatch"; }
        });
    }

    private static IngestSettings settings(String alertServiceUrl) {
        return new IngestSettings() {
            public String downloadDir() { return System.getProperty("java.io.tmpdir"); }
            public int downloadTimeoutSeconds() { return 5; }
            public String alertServiceUrl() { return alertServiceUrl; }
            public int chunkRows() { return 65_536; }
            public Warehouse warehouse() { return null; }
        };
    }
}
