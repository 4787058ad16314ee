package io.modelwatch.ingest.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.ingest.config.IngestSettings;
import io.modelwatch.support.security.ApiKeyMechanism;
import io.modelwatch.support.security.ApiKeys;
import io.modelwatch.support.telemetry.TraceHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Asks alert-service, which owns the alerts, for a model's open alerts ({@code GET /models/{id}/open-alerts}): the
 * one piece of {@code GET /models/{id}} ingest-service does not hold itself. A REST call rather than a read of the
 * alert schema, so alert-service stays the only reader of its tables. The answer is passed through as JSON; a
 * timeout or a failure gives {@link OpenAlerts#unavailable} instead (the rest of the model's view stands). The call
 * carries this service's outgoing API key ({@link ApiKeys#outgoingKey()}).
 */
@ApplicationScoped
public class AlertServiceClient {

    private final IngestSettings settings;
    private final ObjectMapper mapper;
    private final ApiKeys keys;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public AlertServiceClient(IngestSettings settings, ObjectMapper mapper, ApiKeys keys) {
        this.settings = settings;
        this.mapper = mapper;
        this.keys = keys;
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "unavailable")
    public OpenAlerts openAlerts(String modelId) {
        URI uri = URI.create(base() + "/models/" + URLEncoder.encode(modelId, StandardCharsets.UTF_8).replace("+", "%20")
                + "/open-alerts");
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3))
                    .header("Accept", "application/json").GET();
            keys.outgoingKey().ifPresent(k -> request.header(ApiKeyMechanism.API_KEY_HEADER, k));
            // the request continues the caller's trace (GET /models/{id} here, its server span at alert-service)
            TraceHeaders.inject(new HashMap<>()).forEach((name, value) -> request.header(name, String.valueOf(value)));
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking alert-service", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("alert-service answered " + response.statusCode());
        }
        try {
            List<JsonNode> alerts = new ArrayList<>();
            mapper.readTree(response.body()).forEach(alerts::add);
            return new OpenAlerts(alerts, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fallback: no alerts, and why. */
    OpenAlerts unavailable(String modelId) {
        return new OpenAlerts(null, "alert-service did not answer at " + base() + " (modelwatch.ingest.alert-service-url)");
    }

    private String base() {
        return settings.alertServiceUrl().replaceAll("/+$", "");
    }

    /**
     * @param alerts      the open alerts as alert-service describes them, or {@code null} when it did not answer
     * @param unavailable why there are no alerts, or {@code null}
     */
    public record OpenAlerts(List<JsonNode> alerts, String unavailable) {
    }
}
