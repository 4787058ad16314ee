package io.modelwatch.support.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.modelwatch.support.security.SecretValues;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a service has done since it started: events processed, redeliveries ignored, failures, and the last
 * of each. Served by {@code GET /status} and exported to Prometheus as {@code modelwatch_events_total}.
 */
@ApplicationScoped
public class ServiceStatus {

    private final MeterRegistry registry;
    private final SecretValues secrets;
    private final Instant startedAt = Instant.now();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicReference<LastEvent> lastProcessed = new AtomicReference<>();
    private final AtomicReference<LastFailure> lastFailure = new AtomicReference<>();

    public ServiceStatus(MeterRegistry registry, SecretValues secrets) {
        this.registry = registry;
        this.secrets = secrets;
    }

    public void processed(String eventType, String runId, boolean duplicate) {
        String outcome = duplicate ? "duplicate" : "processed";
        count(eventType, outcome);
        lastProcessed.set(new LastEvent(eventType, runId, duplicate, Instant.now()));
    }

    public void failed(String eventType, String reason) {
        count(eventType, "dead_lettered");
        // a failure's reason may quote a peer's address or a connection string: no secret of ours is served
        lastFailure.set(new LastFailure(eventType, secrets.redact(reason), Instant.now()));
    }

    /** Counts a try that failed for a reason that may pass and will be made again. */
    public void retried(String eventType) {
        count(eventType, "retried");
    }

    /** Counts something a REST endpoint did (runs started, references registered). */
    public void requested(String what, String runId) {
        count(what, "processed");
        lastProcessed.set(new LastEvent(what, runId, false, Instant.now()));
    }

    private void count(String eventType, String outcome) {
        counts.computeIfAbsent(eventType + "." + outcome, k -> new AtomicLong()).incrementAndGet();
        registry.counter("modelwatch.events", "type", eventType, "outcome", outcome).increment();
    }

    /** A snapshot for {@code GET /status}; {@code queueDepths} come from the broker. */
    public StatusView view(String service, Map<String, Long> queueDepths) {
        Map<String, Long> snapshot = new java.util.TreeMap<>();
        counts.forEach((k, v) -> snapshot.put(k, v.get()));
        return new StatusView(service, startedAt, snapshot, lastProcessed.get(), lastFailure.get(), queueDepths);
    }

    public record LastEvent(String type, String runId, boolean duplicate, Instant at) {
    }

    public record LastFailure(String type, String reason, Instant at) {
    }

    /**
     * @param counts      per {@code <event type>.<processed|duplicate|dead_lettered>}
     * @param queueDepths messages waiting per queue consumed (and its DLQ); -1 when the broker is unreachable
     */
    public record StatusView(String service, Instant startedAt, Map<String, Long> counts, LastEvent lastProcessed,
                             LastFailure lastFailure, Map<String, Long> queueDepths) {
    }
}
