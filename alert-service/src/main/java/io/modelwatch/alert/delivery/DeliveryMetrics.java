package io.modelwatch.alert.delivery;

import io.modelwatch.support.notification.DeliveryOutcome;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.modelwatch.alert.domain.Channel;
import io.modelwatch.alert.repository.OutboxRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The delivery side in Prometheus: {@code modelwatch_alerts_outbox_pending{channel}} (rows waiting, refreshed
 * after every relay pass and at start), {@code modelwatch_alerts_circuit_state{channel}} (0 closed,
 * 1 half-open, 2 open) and {@code modelwatch_alerts_notifications_total{channel,outcome}}.
 */
@ApplicationScoped
public class DeliveryMetrics {

    private static final Logger LOG = Logger.getLogger(DeliveryMetrics.class);

    private final MeterRegistry registry;
    private final OutboxRepository outbox;
    private final CircuitBreakerMaintenance breakers;
    private final Map<Channel, AtomicLong> pending = new EnumMap<>(Channel.class);

    public DeliveryMetrics(MeterRegistry registry, OutboxRepository outbox, CircuitBreakerMaintenance breakers) {
        this.registry = registry;
        this.outbox = outbox;
        this.breakers = breakers;
        for (Channel c : Channel.values()) {
            pending.put(c, new AtomicLong());
        }
    }

    void register(@Observes StartupEvent start) {
        for (Channel c : Channel.values()) {
            registry.gauge("modelwatch.alerts.outbox.pending", Tags.of("channel", c.id()), pending.get(c), AtomicLong::get);
            registry.gauge("modelwatch.alerts.circuit.state", Tags.of("channel", c.id()), this,
                    m -> m.circuitValue(c));
        }
        refreshOutbox();
    }

    public void delivered(Channel channel, DeliveryOutcome.Status outcome) {
        registry.counter("modelwatch.alerts.notifications", "channel", channel.id(),
                "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).increment();
    }

    /** Re-reads the pending counts (called on a worker thread, outside any transaction). */
    public void refreshOutbox() {
        try {
            Map<Channel, Long> counts = QuarkusTransaction.requiringNew().call(outbox::pendingByChannel);
            counts.forEach((c, n) -> pending.get(c).set(n));
        } catch (RuntimeException e) {
            LOG.warnf("cannot count the outbox: %s", e.getMessage());
        }
    }

    public long pending(Channel channel) {
        return pending.get(channel).get();
    }

    /** The circuit breaker's state; breakers are named after the channel ({@code slack}, {@code email}). */
    public CircuitBreakerState circuit(Channel channel) {
        return breakers.currentState(channel.id());
    }

    private double circuitValue(Channel channel) {
        return switch (circuit(channel)) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }
}
