package io.modelwatch.alert.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.modelwatch.alert.delivery.DeliveryMetrics;
import io.modelwatch.alert.delivery.Notifier;
import io.modelwatch.alert.domain.Channel;
import io.modelwatch.alert.repository.OutboxRepository;
import io.modelwatch.core.events.Channels;
import io.modelwatch.support.status.BrokerProbe;
import io.modelwatch.support.status.ServiceStatus;
import io.modelwatch.support.status.ServiceStatus.StatusView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /status}: what this service processed, its failures and its queue depths, and per delivery
 * channel whether it is configured, its circuit breaker's state and what waits in the outbox.
 */
@Path("/status")
public class StatusResource {

    private final ServiceStatus status;
    private final BrokerProbe broker;
    private final String queue;
    private final DeliveryMetrics delivery;
    private final OutboxRepository outbox;
    private final List<Notifier> notifiers;

    public StatusResource(ServiceStatus status, BrokerProbe broker,
                          @ConfigProperty(name = "mp.messaging.incoming." + Channels.METRICS_IN + ".queue.name") String queue,
                          DeliveryMetrics delivery, OutboxRepository outbox, Instance<Notifier> notifiers) {
        this.status = status;
        this.broker = broker;
        this.queue = queue;
        this.delivery = delivery;
        this.outbox = outbox;
        this.notifiers = notifiers.stream().toList();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public AlertServiceStatus status() {
        StatusView service = status.view("alert-service", broker.depths(List.of(queue, Channels.deadLetterQueue(queue))));
        Map<String, ChannelStatus> channels = QuarkusTransaction.requiringNew().call(() -> {
            Map<Channel, Long> pending = outbox.pendingByChannel();
            Map<String, ChannelStatus> out = new TreeMap<>();
            for (Notifier n : notifiers) {
                Channel c = n.channel();
                out.put(c.id(), new ChannelStatus(n.configured(), delivery.circuit(c).name(), pending.get(c),
                        outbox.oldestPending(c).orElse(null)));
            }
            return out;
        });
        return new AlertServiceStatus(service, channels);
    }

    /** The shared status fields at the top level, plus {@code delivery}. */
    public record AlertServiceStatus(@JsonUnwrapped StatusView service, Map<String, ChannelStatus> delivery) {
    }

    /**
     * @param configured     whether this instance can send on the channel (webhook URL / SMTP host set)
     * @param circuitBreaker {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}
     * @param outboxPending  notifications waiting for the channel
     * @param oldestPending  when the oldest waiting one was queued, or {@code null}
     */
    public record ChannelStatus(boolean configured, String circuitBreaker, long outboxPending, Instant oldestPending) {
    }
}
