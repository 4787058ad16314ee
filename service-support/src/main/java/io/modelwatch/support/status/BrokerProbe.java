package io.modelwatch.support.status;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Asks the broker how many messages wait in some queues (passive declare: never creates a queue). */
@ApplicationScoped
public class BrokerProbe {

    private final BrokerConnections broker;

    public BrokerProbe(BrokerConnections broker) {
        this.broker = broker;
    }

    /**
     * Depth per queue; -1 for a queue that does not exist or when the broker cannot be reached. No queue asks
     * nothing of the broker.
     */
    public Map<String, Long> depths(List<String> queues) {
        Map<String, Long> depths = new LinkedHashMap<>();
        if (queues.isEmpty()) {
            return depths;
        }
        try (Connection connection = broker.open("modelwatch-status")) {
            for (String q : queues) {
                try (Channel ch = connection.createChannel()) {
                    depths.put(q, (long) ch.queueDeclarePassive(q).getMessageCount());
                } catch (Exception e) {
                    depths.put(q, -1L);
                }
            }
        } catch (Exception e) {
            queues.forEach(q -> depths.put(q, -1L));
        }
        return depths;
    }
}
